using SyncDashboard.Core.Catalogue;

namespace SyncDashboard.Core.Linking;

/// <summary>
/// A Source product linked to its Destination product, by Sync (created) or Map (matched by SKU),
/// with what the reconciliation knows of it: whether the pair is in step, since when, and why not.
/// Written only by <see cref="LinkStore"/>.
/// </summary>
public sealed class ProductLink
{
    public long Id { get; set; }
    public int SourceStoreId { get; set; }
    public long SourceProductId { get; set; }
    public int DestinationStoreId { get; set; }
    public long DestinationProductId { get; set; }
    public LinkKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public LinkState State { get; set; } = LinkState.Repairing;

    /// <summary>Why the link is out of step or being repaired, in words a merchant reads (null when in step).</summary>
    public string? StateReason { get; set; }

    /// <summary>When the reconciliation last compared both sides (and found them equal or repaired them).</summary>
    public DateTimeOffset? LastVerifiedAt { get; set; }

    /// <summary>When SyncDashboard last changed the Destination product (stock, fields, variants).</summary>
    public DateTimeOffset? LastChangedAt { get; set; }

    /// <summary>Set when the link must be reconciled as soon as possible (a new link, an event, a Resync); cleared when done.</summary>
    public DateTimeOffset? CheckRequestedAt { get; set; }

    /// <summary>
    /// The Destination product's status before the Source product became unavailable and the
    /// "set to draft" policy hid it; restored when the Source product is active again. Null otherwise.
    /// </summary>
    public string? PausedFromStatus { get; set; }

    /// <summary>The Source image addresses last applied to the Destination (a store re-hosts images, so its own addresses differ).</summary>
    public string? AppliedImagesKey { get; set; }

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

    /// <summary>The quantity the Destination should have, as last read from the Source under the stock rule (null: untracked).</summary>
    public int? SourceAvailable { get; set; }

    /// <summary>The Destination's available quantity at its location, as last read or written (null: unknown or untracked).</summary>
    public int? DestinationAvailable { get; set; }
}

public enum LinkKind
{
    Synced,
    Mapped,
}
