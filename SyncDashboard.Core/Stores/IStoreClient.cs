namespace SyncDashboard.Core.Stores;

/// <summary>
/// What the sync engine needs from a store, whatever its kind (Shopify's GraphQL and REST Admin
/// APIs today; another platform can be added by implementing this port, without touching the engine).
/// </summary>
public interface IStoreClient
{
    /// <summary>The store's name in this dashboard.</summary>
    string StoreName { get; }

    /// <summary>The store's own description: name, domain (as its webhooks name it) and primary location.</summary>
    Task<StoreShop> GetShopAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every product that matches <paramref name="filter"/>, page after page, following the store's
    /// cursor. With <see cref="ProductFilter.Ids"/>, the products of those ids that exist (a deleted
    /// one is simply absent), read in batches of up to 250 ids a call.
    /// </summary>
    IAsyncEnumerable<StoreProduct> ListProductsAsync(ProductFilter? filter = null, CancellationToken cancellationToken = default);

    Task<long> CountProductsAsync(CancellationToken cancellationToken = default);

    /// <summary>The product, or <c>null</c> when the store has no product with that id.</summary>
    Task<StoreProduct?> GetProductAsync(long productId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a product. Not repeated automatically after a server error or a timeout, since the
    /// store may have created it: look it up (for example by handle or tag) before trying again.
    /// </summary>
    Task<StoreProduct> CreateProductAsync(StoreProductDraft product, CancellationToken cancellationToken = default);

    /// <summary>Changes the fields that <paramref name="update"/> sets, and only those.</summary>
    Task<StoreProduct> UpdateProductAsync(long productId, StoreProductUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Deletes the product; returns <c>false</c> when it was already gone.</summary>
    Task<bool> DeleteProductAsync(long productId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a variant to a product. Like every create, not repeated after a server error or a
    /// timeout: look for it (by SKU) before trying again.
    /// </summary>
    Task<StoreVariant> CreateVariantAsync(long productId, StoreVariantDraft variant, CancellationToken cancellationToken = default);

    /// <summary>Deletes one variant of a product; returns <c>false</c> when it was already gone.</summary>
    Task<bool> DeleteVariantAsync(long productId, long variantId, CancellationToken cancellationToken = default);

    /// <summary>The product's metafields, or those of one namespace.</summary>
    Task<IReadOnlyList<StoreMetafield>> GetProductMetafieldsAsync(long productId, string? @namespace = null, CancellationToken cancellationToken = default);

    /// <summary>Creates the product's metafield of that namespace and key, or changes its value when it exists.</summary>
    Task<StoreMetafield> SetProductMetafieldAsync(long productId, StoreMetafield metafield, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoreInventoryLevel>> GetInventoryLevelsAsync(
        IReadOnlyCollection<long> inventoryItemIds, long? locationId = null, CancellationToken cancellationToken = default);

    /// <summary>Sets the available quantity (idempotent, so safe to retry).</summary>
    Task<StoreInventoryLevel> SetInventoryLevelAsync(
        long inventoryItemId, long locationId, int available, CancellationToken cancellationToken = default);

    /// <summary>How many quantities one <see cref="SetInventoryLevelsAsync"/> call sends to the store at once (1 unless the store writes batches).</summary>
    int InventoryWritesPerCall => 1;

    /// <summary>
    /// Sets many available quantities. A change with <see cref="StoreInventoryLevelChange.Expected"/>
    /// is applied only if the store still holds that quantity; when any does not, nothing of that
    /// call is applied and <see cref="StoreInventoryConflictException"/> names the items (someone
    /// else changed them: read them again, then decide). Stores that can write many at once (Shopify
    /// GraphQL: up to 250 a call, compare-and-set) do; this default sets one at a time, without the
    /// comparison. Safe to repeat.
    /// </summary>
    async Task<IReadOnlyList<StoreInventoryLevel>> SetInventoryLevelsAsync(IReadOnlyList<StoreInventoryLevelChange> changes,
        CancellationToken cancellationToken = default)
    {
        var levels = new List<StoreInventoryLevel>(changes.Count);
        foreach (var change in changes)
        {
            levels.Add(await SetInventoryLevelAsync(change.InventoryItemId, change.LocationId, change.Available, cancellationToken).ConfigureAwait(false));
        }
        return levels;
    }

    /// <summary>Adds <paramref name="adjustment"/> (may be negative). Not idempotent: never retried after a server error.</summary>
    Task<StoreInventoryLevel> AdjustInventoryLevelAsync(
        long inventoryItemId, long locationId, int adjustment, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoreLocation>> ListLocationsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoreWebhookSubscription>> ListWebhooksAsync(CancellationToken cancellationToken = default);

    Task<StoreWebhookSubscription> SubscribeWebhookAsync(string topic, Uri address, CancellationToken cancellationToken = default);

    Task<bool> DeleteWebhookAsync(long webhookId, CancellationToken cancellationToken = default);
}
