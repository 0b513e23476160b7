namespace SyncDashboard.Core.Catalogue;

/// <summary>
/// The local copy of one product of a connected store, with what the dashboard derives from it:
/// its sync status and its SKU problems. Kept fresh by webhooks and reconciliation sweeps.
/// </summary>
public sealed class MirroredProduct
{
    public long Id { get; set; }
    public int StoreId { get; set; }

    /// <summary>The product's id in its store.</summary>
    public long ExternalId { get; set; }

    public required string Title { get; set; }
    public string? Handle { get; set; }
    public string? Vendor { get; set; }
    public string? ProductType { get; set; }

    /// <summary>Comma-separated, as the store gives them.</summary>
    public string Tags { get; set; } = "";

    public string? Status { get; set; }
    public string? DescriptionHtml { get; set; }

    /// <summary>The first image, for the grid's thumbnail.</summary>
    public string? ThumbnailUrl { get; set; }

    /// <summary>Every image address, in order (JSON array).</summary>
    public string ImagesJson { get; set; } = "[]";

    /// <summary>Option names and values (JSON).</summary>
    public string OptionsJson { get; set; } = "[]";

    public int VariantCount { get; set; }
    public int TotalInventory { get; set; }

    /// <summary>The variants' SKUs joined by spaces, lower case: what the search bar matches.</summary>
    public string SkuText { get; set; } = "";

    /// <summary>Title, vendor and tags, lower case: what the search bar matches besides SKUs.</summary>
    public string SearchText { get; set; } = "";

    public DateTimeOffset? StoreUpdatedAt { get; set; }
    public DateTimeOffset MirroredAt { get; set; }

    public SyncState SyncState { get; set; }

    /// <summary>The state of the product's link, when it has one (written with the link, for the grid's filter).</summary>
    public LinkState? LinkState { get; set; }

    /// <summary>Why the link is not in step, when it is not.</summary>
    public string? LinkStateReason { get; set; }

    /// <summary>When the link was last verified in step or repaired (the grid's "Last synced").</summary>
    public DateTimeOffset? LastSyncedAt { get; set; }

    /// <summary>
    /// A digest of everything but stock (fields, options, variants and their prices, SKUs, tracking):
    /// a changed digest means a field changed, not just a quantity.
    /// </summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The worst SKU problem of the product's variants.</summary>
    public SkuProblem Problem { get; set; }

    /// <summary>Why the product has a problem, in words a merchant reads.</summary>
    public string? ProblemReason { get; set; }

    public List<MirroredVariant> Variants { get; set; } = [];
}

public sealed class MirroredVariant
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public int StoreId { get; set; }
    public long ExternalId { get; set; }
    public string? Title { get; set; }
    public string? Sku { get; set; }

    /// <summary>The SKU trimmed and upper-cased: what matching and duplicate checks compare.</summary>
    public string? NormalizedSku { get; set; }

    public string? Barcode { get; set; }
    public decimal Price { get; set; }
    public decimal? CompareAtPrice { get; set; }
    public string? Option1 { get; set; }
    public string? Option2 { get; set; }
    public string? Option3 { get; set; }
    public int? Grams { get; set; }
    public double? Weight { get; set; }
    public string? WeightUnit { get; set; }
    public long? InventoryItemId { get; set; }

    /// <summary>Available quantity summed over the store's locations (<c>inventory_quantity</c>).</summary>
    public int Quantity { get; set; }

    /// <summary>Whether the store tracks the variant's stock.</summary>
    public bool Tracked { get; set; } = true;

    /// <summary><c>deny</c> or <c>continue</c> (selling when out of stock).</summary>
    public string? InventoryPolicy { get; set; }

    public int Position { get; set; }
    public SkuProblem Problem { get; set; }
}

/// <summary>The product's place in syncing, as the dashboard's status filter shows it.</summary>
public enum SyncState
{
    NotSynced,

    /// <summary>Created in the Destination from this Source product by SyncDashboard.</summary>
    Synced,

    /// <summary>Linked by SKU to a product that already existed in the Destination.</summary>
    Mapped,
}

/// <summary>SKU problems that prevent healthy syncing, worst last.</summary>
public enum SkuProblem
{
    None,

    /// <summary>The SKU is also used by a variant of another product in the same store.</summary>
    SharedWithOtherProduct,

    /// <summary>The SKU is used more than once within the store (within this product, or across products).</summary>
    DuplicateSku,

    /// <summary>A variant has no SKU.</summary>
    MissingSku,
}

/// <summary>Where a link stands, as the dashboard shows it.</summary>
public enum LinkState
{
    /// <summary>Both sides were compared and are equal.</summary>
    InStep,

    /// <summary>Differences were found and are being repaired (or a repair waits for a retry).</summary>
    Repairing,

    /// <summary>The merchant must act (a mapped product's variants changed at the Source); see the reason.</summary>
    OutOfStep,
}
