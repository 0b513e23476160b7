using Microsoft.Extensions.Options;
using Refit;
using SyncDashboard.Core.Shopify.GraphQL;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// Creates the store clients (<see cref="ShopifyGraphQLStoreClient"/> by default, <see cref="ShopifyStoreClient"/>
/// for REST) over the one named HTTP client <c>shopify</c>, whose
/// handlers are shared by every store; per-store state (pacer, circuit breaker) is keyed by the
/// store's origin. Creating a client sets the store's drain rate.
/// </summary>
public sealed class ShopifyStoreClientFactory(
    IHttpClientFactory httpClientFactory,
    ShopifyRequestPacers pacers,
    ShopifyGraphQLPacers graphQLPacers,
    ShopifyAccessTokens tokens,
    TimeProvider time,
    IOptionsMonitor<ShopifyClientOptions> options) : IStoreClientFactory
{
    public const string AccessTokenHeader = "X-Shopify-Access-Token";

    /// <summary>Refit reads responses with the same options; only writing differs (nulls left out).</summary>
    internal static RefitSettings RefitSettings { get; } = new(new SystemTextJsonContentSerializer(ShopifyJson.Requests));

    /// <summary>GraphQL answers are read with camelCase names (the request body names its own fields).</summary>
    internal static RefitSettings GraphQLRefitSettings { get; } = new(new SystemTextJsonContentSerializer(ShopifyGraphQLJson.Options));

    /// <summary>The client of the API the endpoint asks for: GraphQL (the default) or REST.</summary>
    public IStoreClient Create(StoreEndpoint endpoint) =>
        endpoint?.Api == StoreApi.Rest ? CreateShopifyClient(endpoint) : CreateGraphQLClient(endpoint!);

    /// <summary>A client of the store's GraphQL Admin API.</summary>
    /// <inheritdoc cref="IStoreClientFactory.Create"/>
    public ShopifyGraphQLStoreClient CreateGraphQLClient(StoreEndpoint endpoint)
    {
        Check(endpoint);
        // The REST pacer is still configured: the same store may be called over REST by an older client.
        pacers.Configure(endpoint.BaseUrl, endpoint.RequestsPerSecond, endpoint.BucketSize > 0 ? endpoint.BucketSize : null);
        var authorize = Authorization(endpoint);
        return new ShopifyGraphQLStoreClient(endpoint, () =>
        {
            var http = httpClientFactory.CreateClient(ShopifyServiceCollectionExtensions.HttpClientName);
            http.BaseAddress = ShopifyStoreClient.ApiBaseAddress(endpoint.BaseUrl, options.CurrentValue.ApiVersion);
            authorize(http);
            return RestService.ForGenerated<IShopifyGraphQLApi>(http, GraphQLRefitSettings);
        }, graphQLPacers.For(endpoint.BaseUrl), time, () => httpClientFactory.CreateClient(ShopifyGraphQLStoreClient.BulkHttpClientName));
    }

    /// <summary>A client of the store's REST Admin API (legacy; for apps made before GraphQL was required).</summary>
    /// <inheritdoc cref="IStoreClientFactory.Create"/>
    public ShopifyStoreClient CreateShopifyClient(StoreEndpoint endpoint)
    {
        Check(endpoint);
        pacers.Configure(endpoint.BaseUrl, endpoint.RequestsPerSecond, endpoint.BucketSize > 0 ? endpoint.BucketSize : null);
        var authorize = Authorization(endpoint);
        return new ShopifyStoreClient(endpoint, () =>
        {
            // A new HttpClient per call is cheap (the handlers are pooled) and follows handler rotation.
            var http = httpClientFactory.CreateClient(ShopifyServiceCollectionExtensions.HttpClientName);
            http.BaseAddress = ShopifyStoreClient.ApiBaseAddress(endpoint.BaseUrl, options.CurrentValue.ApiVersion);
            authorize(http);
            // Refit's source-generated implementation: no reflection, cheap to create.
            return RestService.ForGenerated<IShopifyAdminApi>(http, RefitSettings);
        });
    }

    /// <summary>
    /// How a call is authorised: a plain access token in <c>X-Shopify-Access-Token</c>, or, for an app
    /// with a client id and secret, the marker that <see cref="ShopifyAccessTokenHandler"/> swaps for a current token.
    /// </summary>
    private Action<HttpClient> Authorization(StoreEndpoint endpoint)
    {
        if (endpoint.App is { } app)
        {
            var key = tokens.Register(endpoint.BaseUrl, app, endpoint.OfflineToken, endpoint.OfflineTokenRefreshed);
            return http => http.DefaultRequestHeaders.TryAddWithoutValidation(ShopifyAccessTokenHandler.AppKeyHeader, key);
        }
        var token = endpoint.AccessToken.Trim();
        return http => http.DefaultRequestHeaders.TryAddWithoutValidation(AccessTokenHeader, token);
    }

    private static void Check(StoreEndpoint endpoint)
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
        if (endpoint.App is null && string.IsNullOrWhiteSpace(endpoint.AccessToken))
        {
            throw new ArgumentException($"Store '{endpoint.Name}' has no access token.", nameof(endpoint));
        }
        if (!(endpoint.RequestsPerSecond > 0) || double.IsInfinity(endpoint.RequestsPerSecond))
        {
            throw new ArgumentException($"Store '{endpoint.Name}': RequestsPerSecond must be greater than 0.", nameof(endpoint));
        }
    }
}
