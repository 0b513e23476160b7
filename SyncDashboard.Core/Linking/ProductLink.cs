namespace SyncDashboard.Core.Linking;

/// <summary>A Source product linked to its Destination product, by Sync (created) or Map (matched by SKU).</summary>
public sealed class ProductLink
{
    public long Id { get; set; }
    public int SourceStoreId { get; set; }
    public long SourceProductId { get; set; }
    public int DestinationStoreId { get; set; }
    public long DestinationProductId { get; set; }
    public LinkKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSyncedAt { get; set; }
    public List<VariantLink> Variants { get; set; } = [];
}

public sealed class VariantLink
{
    public long Id { get; set; }
    public long ProductLinkId { get; set; }
    public long SourceVariantId { get; set; }
    public long SourceInventoryItemId { get; set; }
    public long DestinationVariantId { get; set; }
    public long DestinationInventoryItemId { get; set; }
    public string? Sku { get; set; }
}

public enum LinkKind
{
    Synced,
    Mapped,
}
