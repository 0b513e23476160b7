using System.Text.Json.Nodes;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify.GraphQL;

/// <summary>
/// <see cref="IStoreClient"/> over Shopify's GraphQL Admin API (2026-10 by default), the adapter for
/// apps made today; <see cref="ShopifyStoreClient"/> (REST) stays for older ones. The same client
/// reaches a real store and a demo store. Calls are paced by cost from each answer's
/// <c>throttleStatus</c> (<see cref="ShopifyGraphQLPacer"/>), go through the shared <c>shopify</c> HTTP
/// pipeline (retries of safe requests, circuit breaker, timeouts), and every error comes out as a
/// <see cref="StoreApiException"/>; a mutation's <c>userErrors</c> become a 422 naming the input field.
/// Split by concern: products, inventory, calls.
/// </summary>
public sealed partial class ShopifyGraphQLStoreClient : IStoreClient
{
    private readonly Func<IShopifyGraphQLApi> _api;
    private readonly ShopifyGraphQLPacer _pacer;
    private readonly TimeProvider _time;
    private readonly Func<HttpClient> _bulkHttp;

    /// <param name="endpoint">The store.</param>
    /// <param name="api">Gives the Refit client for one call (over a new HttpClient of the factory each time).</param>
    /// <param name="pacer">The store's cost pacer, shared by every client of the store.</param>
    /// <param name="bulkHttp">Gives the HttpClient that downloads bulk results.</param>
    public ShopifyGraphQLStoreClient(StoreEndpoint endpoint, Func<IShopifyGraphQLApi> api, ShopifyGraphQLPacer pacer, TimeProvider time,
        Func<HttpClient> bulkHttp)
    {
        _bulkHttp = bulkHttp;
        Endpoint = endpoint;
        _api = api;
        _pacer = pacer;
        _time = time;
    }

    public StoreEndpoint Endpoint { get; }

    public string StoreName => Endpoint.Name;

    public async Task<StoreShop> GetShopAsync(CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("Shop", ShopifyGraphQLDocuments.Shop, null, 2, safeToRepeat: true, cancellationToken).ConfigureAwait(false);
        var shop = data.GetProperty("shop");
        var domain = shop.GetProperty("myshopifyDomain").GetString() ?? Endpoint.BaseUrl.Host;
        var location = data.TryGetProperty("location", out var primary) && primary.ValueKind == System.Text.Json.JsonValueKind.Object
            ? ShopifyGid.Id(primary.GetProperty("id").GetString())
            : (long?)null;
        return new StoreShop(shop.GetProperty("name").GetString() ?? StoreName, domain.ToLowerInvariant(), location);
    }

    public async Task<long> CountProductsAsync(CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("ProductsCount", ShopifyGraphQLDocuments.ProductsCount, null, 1, safeToRepeat: true, cancellationToken).ConfigureAwait(false);
        return data.GetProperty("productsCount").GetProperty("count").GetInt64();
    }

    public async Task<IReadOnlyList<StoreLocation>> ListLocationsAsync(CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("Locations", ShopifyGraphQLDocuments.Locations, null, 252, safeToRepeat: true, cancellationToken).ConfigureAwait(false);
        return [.. Read<GqlConnection<GqlLocation>>(data, "locations").Nodes.Select(l => new StoreLocation(ShopifyGid.Id(l.Id), l.Name, l.IsActive))];
    }

    // ------------------------------------------------------------------ webhooks

    public async Task<IReadOnlyList<StoreWebhookSubscription>> ListWebhooksAsync(CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("WebhookSubscriptions", ShopifyGraphQLDocuments.WebhookSubscriptions, null, 252, safeToRepeat: true, cancellationToken)
            .ConfigureAwait(false);
        return [.. Read<GqlConnection<GqlWebhookSubscription>>(data, "webhookSubscriptions").Nodes
            .Select(w => new StoreWebhookSubscription(ShopifyGid.Id(w.Id), ShopifyGraphQLMapper.ToRestTopic(w.Topic), new Uri(w.Uri)))];
    }

    /// <summary>Subscribes <paramref name="address"/> to <paramref name="topic"/> (REST spelling, <c>products/update</c>). Not retried after a server error.</summary>
    public async Task<StoreWebhookSubscription> SubscribeWebhookAsync(string topic, Uri address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(address);
        var variables = new JsonObject { ["topic"] = ShopifyGraphQLMapper.ToTopicEnum(topic), ["uri"] = address.AbsoluteUri };
        var data = await ExecuteAsync("WebhookSubscriptionCreate", ShopifyGraphQLDocuments.WebhookSubscriptionCreate, variables, 10,
            safeToRepeat: false, cancellationToken).ConfigureAwait(false);
        var created = Payload<WebhookCreatePayload>(data, "webhookSubscriptionCreate", "WebhookSubscriptionCreate").WebhookSubscription!;
        return new StoreWebhookSubscription(ShopifyGid.Id(created.Id), ShopifyGraphQLMapper.ToRestTopic(created.Topic), new Uri(created.Uri));
    }

    public async Task<bool> DeleteWebhookAsync(long webhookId, CancellationToken cancellationToken = default)
    {
        var variables = new JsonObject { ["id"] = ShopifyGid.For("WebhookSubscription", webhookId) };
        var data = await ExecuteAsync("WebhookSubscriptionDelete", ShopifyGraphQLDocuments.WebhookSubscriptionDelete, variables, 10,
            safeToRepeat: true, cancellationToken).ConfigureAwait(false);
        var payload = data.GetProperty("webhookSubscriptionDelete");
        return payload.GetProperty("deletedWebhookSubscriptionId").ValueKind == System.Text.Json.JsonValueKind.String;
    }

    private sealed record WebhookCreatePayload(GqlWebhookSubscription? WebhookSubscription);
}
