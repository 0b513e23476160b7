using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

public static class ShopifyServiceCollectionExtensions
{
    /// <summary>The named HttpClient every Shopify store client uses.</summary>
    public const string HttpClientName = "shopify";

    /// <summary>The resilience pipeline of <see cref="HttpClientName"/>; one instance per store origin.</summary>
    public const string PipelineName = "shopify";

    /// <summary>
    /// <see cref="IStoreClientFactory"/> for Shopify stores, over the named HTTP client <c>shopify</c>:
    /// resilience (retry → circuit breaker → attempt timeout, one pipeline per store) around the
    /// leaky-bucket pacer. Options from the <c>Shopify</c> section (<see cref="ShopifyClientOptions"/>),
    /// validated when the host starts. Every client it uses (API, tokens, bulk results) connects through
    /// <see cref="StoreAddressPolicy.CreateHandler"/>: stores only at allowed addresses.
    /// </summary>
    public static IServiceCollection AddStoreClients(this IServiceCollection services)
    {
        services.AddOptions<ShopifyClientOptions>()
            .BindConfiguration(ShopifyClientOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShopifyClientOptions>, ShopifyClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ShopifyRequestPacers>();
        services.TryAddSingleton<GraphQL.ShopifyGraphQLPacers>();
        services.TryAddTransient<ShopifyPacingHandler>();
        services.AddStoreAddressPolicy();

        var http = services.AddHttpClient(HttpClientName)
            // Attempts are bounded by the attempt timeout and the retries; the caller's token bounds the rest.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(StoreHandler);
        http.AddResilienceHandler(PipelineName, ShopifyResilience.Configure)
            .SelectPipelineByAuthority();
        // Added after the resilience handler, so inside it: every attempt, retries included, is paced.
        http.AddHttpMessageHandler<ShopifyPacingHandler>();
        // Innermost: every attempt carries a current token (client credentials apps).
        http.AddHttpMessageHandler<ShopifyAccessTokenHandler>();
        services.TryAddSingleton<ShopifyAccessTokens>();
        services.TryAddTransient<ShopifyAccessTokenHandler>();
        // Bulk results are large files at signed URLs: no token, no pacing, a long timeout.
        services.AddHttpClient(GraphQL.ShopifyGraphQLStoreClient.BulkHttpClientName)
            .ConfigureHttpClient(client => client.Timeout = TimeSpan.FromMinutes(30))
            .ConfigurePrimaryHttpMessageHandler(StoreHandler);
        services.AddHttpClient(ShopifyAccessTokens.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(StoreHandler);

        services.TryAddSingleton<ShopifyStoreClientFactory>();
        services.TryAddSingleton<IStoreClientFactory>(sp => sp.GetRequiredService<ShopifyStoreClientFactory>());
        services.TryAddSingleton<IStoreWebhooks, ShopifyWebhooks>();
        services.TryAddSingleton<IStoreAppInstalls, ShopifyAppInstalls>();
        return services;
    }

    private static HttpMessageHandler StoreHandler(IServiceProvider services) => services.GetRequiredService<StoreAddressPolicy>().CreateHandler();
}
