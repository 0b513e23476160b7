using System.Text.Json.Nodes;
using Refit;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// The subset of the Shopify Admin REST API that SyncDashboard uses. Paths are relative to
/// <c>{store}/admin/api/{version}/</c>, which is the client's base address; the access token is
/// sent in <c>X-Shopify-Access-Token</c> by the client's handler.
/// </summary>
public interface IShopifyAdminApi
{
    /// <summary>The store's name, domain and primary location.</summary>
    [Get("/shop.json")]
    Task<ShopEnvelope> GetShopAsync(CancellationToken cancellationToken = default);

    // Products (variants, options and images travel inside their product).

    /// <summary>
    /// One page of products. The next and previous pages are named by the <c>page_info</c> cursor
    /// of the response's <c>Link</c> header; a request with <c>page_info</c> may only add
    /// <c>limit</c> and <c>fields</c>.
    /// </summary>
    [Get("/products.json")]
    Task<IApiResponse<ProductsEnvelope>> ListProductsAsync(
        [Query] ProductListQuery query, CancellationToken cancellationToken = default);

    [Get("/products/count.json")]
    Task<CountEnvelope> CountProductsAsync(
        [AliasAs("updated_at_min")] string? updatedAtMin = null,
        [AliasAs("status")] string? status = null,
        CancellationToken cancellationToken = default);

    [Get("/products/{id}.json")]
    Task<ProductEnvelope> GetProductAsync(
        long id, [AliasAs("fields")] string? fields = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a product. The body is built by hand (<c>{"product": {...}}</c>) so that it can carry an
    /// explicit <c>inventory_management: null</c> and the product's <c>metafields</c>.
    /// </summary>
    [Post("/products.json")]
    Task<ProductEnvelope> CreateProductAsync([Body] JsonObject product, CancellationToken cancellationToken = default);

    [Put("/products/{id}.json")]
    Task<ProductEnvelope> UpdateProductAsync(long id, [Body] ProductEnvelope product, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same update with a body built by hand (<c>{"product": {...}}</c>), for the fields that must
    /// be sent as an explicit <c>null</c> (clearing a variant's <c>compare_at_price</c>), which
    /// <see cref="ShopifyJson.Requests"/> would leave out.
    /// </summary>
    [Put("/products/{id}.json")]
    Task<ProductEnvelope> UpdateProductJsonAsync(long id, [Body] JsonObject body, CancellationToken cancellationToken = default);

    [Delete("/products/{id}.json")]
    Task DeleteProductAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Adds a variant (<c>{"variant": {...}}</c>) to a product.</summary>
    [Post("/products/{productId}/variants.json")]
    Task<VariantEnvelope> CreateVariantAsync(long productId, [Body] JsonObject variant, CancellationToken cancellationToken = default);

    [Delete("/products/{productId}/variants/{variantId}.json")]
    Task DeleteVariantAsync(long productId, long variantId, CancellationToken cancellationToken = default);

    // Metafields of a product.

    [Get("/products/{productId}/metafields.json")]
    Task<MetafieldsEnvelope> ListProductMetafieldsAsync(
        long productId, [AliasAs("namespace")] string? @namespace = null, CancellationToken cancellationToken = default);

    [Post("/products/{productId}/metafields.json")]
    Task<MetafieldEnvelope> CreateProductMetafieldAsync(long productId, [Body] JsonObject metafield, CancellationToken cancellationToken = default);

    [Put("/products/{productId}/metafields/{metafieldId}.json")]
    Task<MetafieldEnvelope> UpdateProductMetafieldAsync(long productId, long metafieldId, [Body] JsonObject metafield,
        CancellationToken cancellationToken = default);

    // Inventory.

    [Get("/inventory_levels.json")]
    Task<IApiResponse<InventoryLevelsEnvelope>> ListInventoryLevelsAsync(
        [Query] InventoryLevelQuery query, CancellationToken cancellationToken = default);

    [Post("/inventory_levels/set.json")]
    Task<InventoryLevelEnvelope> SetInventoryLevelAsync(
        [Body] SetInventoryLevelRequest request, CancellationToken cancellationToken = default);

    [Post("/inventory_levels/adjust.json")]
    Task<InventoryLevelEnvelope> AdjustInventoryLevelAsync(
        [Body] AdjustInventoryLevelRequest request, CancellationToken cancellationToken = default);

    [Get("/locations.json")]
    Task<LocationsEnvelope> ListLocationsAsync(CancellationToken cancellationToken = default);

    // Webhooks.

    [Get("/webhooks.json")]
    Task<WebhooksEnvelope> ListWebhooksAsync(
        [AliasAs("topic")] string? topic = null, CancellationToken cancellationToken = default);

    [Post("/webhooks.json")]
    Task<WebhookEnvelope> CreateWebhookAsync([Body] WebhookEnvelope webhook, CancellationToken cancellationToken = default);

    [Delete("/webhooks/{id}.json")]
    Task DeleteWebhookAsync(long id, CancellationToken cancellationToken = default);
}

/// <summary>Query string of <c>GET products.json</c>; unset values are not sent.</summary>
public sealed record ProductListQuery
{
    /// <summary>1 to 250; Shopify's default is 50.</summary>
    [AliasAs("limit")] public int? Limit { get; init; }

    /// <summary>The cursor from a <c>Link</c> header; excludes every filter but limit and fields.</summary>
    [AliasAs("page_info")] public string? PageInfo { get; init; }

    [AliasAs("since_id")] public long? SinceId { get; init; }

    /// <summary>ISO 8601, for example <c>2025-01-01T00:00:00Z</c>.</summary>
    [AliasAs("updated_at_min")] public string? UpdatedAtMin { get; init; }

    /// <summary>Comma-separated product ids.</summary>
    [AliasAs("ids")] public string? Ids { get; init; }

    /// <summary>Comma-separated field names to return.</summary>
    [AliasAs("fields")] public string? Fields { get; init; }

    [AliasAs("status")] public string? Status { get; init; }
}

/// <summary>Query string of <c>GET inventory_levels.json</c> (at least one id list is required).</summary>
public sealed record InventoryLevelQuery
{
    [AliasAs("inventory_item_ids")] public string? InventoryItemIds { get; init; }
    [AliasAs("location_ids")] public string? LocationIds { get; init; }
    [AliasAs("limit")] public int? Limit { get; init; }
    [AliasAs("page_info")] public string? PageInfo { get; init; }
}
