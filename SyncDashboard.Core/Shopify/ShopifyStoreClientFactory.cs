using Microsoft.Extensions.Options;
using Refit;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// Creates <see cref="ShopifyStoreClient"/>s over the one named HTTP client <c>shopify</c>, whose
/// handlers are shared by every store; per-store state (pacer, circuit breaker) is keyed by the
/// store's origin. Creating a client sets the store's drain rate.
/// </summary>
public sealed class ShopifyStoreClientFactory(
    IHttpClientFactory httpClientFactory,
    ShopifyRequestPacers pacers,
    IOptionsMonitor<ShopifyClientOptions> options) : IStoreClientFactory
{
    public const string AccessTokenHeader = "X-Shopify-Access-Token";

    /// <summary>Refit reads responses with the same options; only writing differs (nulls left out).</summary>
    internal static RefitSettings RefitSettings { get; } = new(new SystemTextJsonContentSerializer(ShopifyJson.Requests));

    public IStoreClient Create(StoreEndpoint endpoint) => CreateShopifyClient(endpoint);

    /// <inheritdoc cref="IStoreClientFactory.Create"/>
    public ShopifyStoreClient CreateShopifyClient(StoreEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (string.IsNullOrWhiteSpace(endpoint.Name))
        {
            throw new ArgumentException("The store has no name.", nameof(endpoint));
        }
        if (endpoint.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Store '{endpoint.Name}': BaseUrl '{endpoint.BaseUrl}' is not an absolute http or https URL.", nameof(endpoint));
        }
        if (string.IsNullOrWhiteSpace(endpoint.AccessToken))
        {
            throw new ArgumentException($"Store '{endpoint.Name}' has no access token.", nameof(endpoint));
        }
        if (!(endpoint.RequestsPerSecond > 0) || double.IsInfinity(endpoint.RequestsPerSecond))
        {
            throw new ArgumentException($"Store '{endpoint.Name}': RequestsPerSecond must be greater than 0.", nameof(endpoint));
        }

        pacers.Configure(endpoint.BaseUrl, endpoint.RequestsPerSecond, endpoint.BucketSize > 0 ? endpoint.BucketSize : null);
        var token = endpoint.AccessToken.Trim();
        return new ShopifyStoreClient(endpoint, () =>
        {
            // A new HttpClient per call is cheap (the handlers are pooled) and follows handler rotation.
            var http = httpClientFactory.CreateClient(ShopifyServiceCollectionExtensions.HttpClientName);
            http.BaseAddress = ShopifyStoreClient.ApiBaseAddress(endpoint.BaseUrl, options.CurrentValue.ApiVersion);
            http.DefaultRequestHeaders.TryAddWithoutValidation(AccessTokenHeader, token);
            // Refit's source-generated implementation: no reflection, cheap to create.
            return RestService.ForGenerated<IShopifyAdminApi>(http, RefitSettings);
        });
    }
}
