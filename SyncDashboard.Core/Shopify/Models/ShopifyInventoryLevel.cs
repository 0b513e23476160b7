namespace SyncDashboard.Core.Shopify.Models;

/// <summary>The quantity of one inventory item at one location (<c>inventory_level</c> resource).</summary>
public sealed class ShopifyInventoryLevel
{
    public long InventoryItemId { get; set; }
    public long LocationId { get; set; }

    /// <summary>Null when the item is not tracked at the location.</summary>
    public int? Available { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
    public string? AdminGraphqlApiId { get; set; }
}
