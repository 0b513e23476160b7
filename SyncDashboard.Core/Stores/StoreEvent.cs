namespace SyncDashboard.Core.Stores;

/// <summary>A change a store reported (through a webhook), in the store-neutral terms the engine uses.</summary>
public abstract record StoreEvent
{
    /// <summary>A product was created or changed; <see cref="Product"/> is the product as the store sent it (possibly late).</summary>
    public sealed record ProductChanged(StoreProduct Product) : StoreEvent;

    /// <summary>A product was deleted.</summary>
    public sealed record ProductDeleted(long ProductId) : StoreEvent;

    /// <summary>An inventory item's available quantity at one location changed (null: not stocked there).</summary>
    public sealed record InventoryLevelChanged(long InventoryItemId, long LocationId, int? Available, DateTimeOffset? UpdatedAt) : StoreEvent;
}
