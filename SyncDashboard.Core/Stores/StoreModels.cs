namespace SyncDashboard.Core.Stores;

// Store-neutral shapes that cross the IStoreClient port.

public sealed record StoreProduct
{
    public required long Id { get; init; }
    public required string Title { get; init; }
    public string? DescriptionHtml { get; init; }
    public string? Vendor { get; init; }
    public string? ProductType { get; init; }
    public string? Handle { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary><c>active</c>, <c>draft</c> or <c>archived</c>.</summary>
    public string? Status { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public IReadOnlyList<StoreProductOption> Options { get; init; } = [];
    public IReadOnlyList<StoreVariant> Variants { get; init; } = [];
    public IReadOnlyList<StoreImage> Images { get; init; } = [];
}

public sealed record StoreProductOption(string Name, IReadOnlyList<string> Values);

public sealed record StoreVariant
{
    public long Id { get; init; }
    public string? Title { get; init; }
    public string? Sku { get; init; }
    public string? Barcode { get; init; }
    public decimal Price { get; init; }
    public decimal? CompareAtPrice { get; init; }

    /// <summary>The option values in option order (one to three).</summary>
    public IReadOnlyList<string> OptionValues { get; init; } = [];

    public int? Grams { get; init; }
    public double? Weight { get; init; }
    public string? WeightUnit { get; init; }
    public long? InventoryItemId { get; init; }

    /// <summary>The variant's available quantity summed over all the store's locations.</summary>
    public int? InventoryQuantity { get; init; }

    /// <summary>Whether the store counts this variant's stock; an untracked variant never sells out.</summary>
    public bool InventoryTracked { get; init; } = true;

    /// <summary><c>deny</c> (stop selling at 0) or <c>continue</c> (keep selling when out of stock).</summary>
    public string? InventoryPolicy { get; init; }

    public int? Position { get; init; }
}

public sealed record StoreImage(long Id, string Src, string? Alt, int Position);

/// <summary>A product to create.</summary>
public sealed record StoreProductDraft
{
    public required string Title { get; init; }
    public string? DescriptionHtml { get; init; }
    public string? Vendor { get; init; }
    public string? ProductType { get; init; }
    public string? Handle { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Status { get; init; }
    public IReadOnlyList<StoreProductOption> Options { get; init; } = [];
    public IReadOnlyList<StoreVariantDraft> Variants { get; init; } = [];
    public IReadOnlyList<string> ImageSources { get; init; } = [];

    /// <summary>Metafields the product is created with (for example the link marker).</summary>
    public IReadOnlyList<StoreMetafield> Metafields { get; init; } = [];

    /// <summary>
    /// Where the variants' <see cref="StoreVariantDraft.Available"/> quantities are stocked; null
    /// creates them without stock (set afterwards). Stores that create products with their stock in
    /// one call (Shopify GraphQL's <c>productSet</c>) use it; the others ignore it.
    /// </summary>
    public long? InventoryLocationId { get; init; }
}

public sealed record StoreVariantDraft
{
    public string? Sku { get; init; }
    public string? Barcode { get; init; }
    public decimal Price { get; init; }
    public decimal? CompareAtPrice { get; init; }
    public IReadOnlyList<string> OptionValues { get; init; } = [];
    public int? Grams { get; init; }
    public double? Weight { get; init; }
    public string? WeightUnit { get; init; }

    /// <summary>Whether the store counts the variant's stock (false: it never sells out).</summary>
    public bool InventoryTracked { get; init; } = true;

    /// <summary><c>deny</c> or <c>continue</c>; null leaves the store's default (<c>deny</c>).</summary>
    public string? InventoryPolicy { get; init; }

    /// <summary>The quantity to stock at the product's <see cref="StoreProductDraft.InventoryLocationId"/> (tracked variants; null: none).</summary>
    public int? Available { get; init; }
}

/// <summary>A partial product update: only the properties that are set (not null) change.</summary>
public sealed record StoreProductUpdate
{
    public string? Title { get; init; }
    public string? DescriptionHtml { get; init; }
    public string? Vendor { get; init; }
    public string? ProductType { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? Status { get; init; }

    /// <summary>When set, replaces the product's images.</summary>
    public IReadOnlyList<string>? ImageSources { get; init; }

    /// <summary>When set, changes the listed variants (by variant id); the others stay as they are.</summary>
    public IReadOnlyList<StoreVariantUpdate>? Variants { get; init; }

    /// <summary>True when the update changes nothing.</summary>
    public bool IsEmpty => this is { Title: null, DescriptionHtml: null, Vendor: null, ProductType: null, Tags: null, Status: null, ImageSources: null }
        && Variants is null or { Count: 0 };
}

/// <summary>
/// A change of one variant: only what is set changes. <see cref="Prices"/> sets the price and the
/// compare-at price together (a null compare-at price clears it).
/// </summary>
public sealed record StoreVariantUpdate(long VariantId)
{
    public StoreVariantPrices? Prices { get; init; }
    public bool? InventoryTracked { get; init; }
    public string? InventoryPolicy { get; init; }
}

/// <summary>A variant's price and compare-at price (null: none).</summary>
public sealed record StoreVariantPrices(decimal Price, decimal? CompareAtPrice);

/// <summary>
/// A value attached to a product under a namespace and a key, as Shopify's metafields are. The
/// link marker (namespace <c>syncdashboard</c>) is one.
/// </summary>
public sealed record StoreMetafield(string Namespace, string Key, string Value, string Type = "single_line_text_field")
{
    /// <summary>The store's id of the metafield (0 before it is saved).</summary>
    public long Id { get; init; }
}

public sealed record StoreInventoryLevel(long InventoryItemId, long LocationId, int? Available, DateTimeOffset? UpdatedAt);

/// <summary>
/// An available quantity to set at a location; <paramref name="Expected"/> is the quantity the
/// caller last read there (the change applies only if it is still so), or null to set it whatever it is.
/// </summary>
public sealed record StoreInventoryLevelChange(long InventoryItemId, long LocationId, int Available, int? Expected = null);

public sealed record StoreLocation(long Id, string Name, bool Active);

public sealed record StoreWebhookSubscription(long Id, string Topic, Uri Address);

/// <summary>Filters for listing products; all optional.</summary>
public sealed record ProductFilter
{
    public long? SinceId { get; init; }
    public DateTimeOffset? UpdatedAtMin { get; init; }
    public IReadOnlyCollection<long>? Ids { get; init; }

    /// <summary>Products per page (1 to 250); defaults to the largest page.</summary>
    public int PageSize { get; init; } = 250;
}

/// <summary>The store itself: its name, the domain its webhooks carry, and where new stock goes.</summary>
public sealed record StoreShop(string Name, string Domain, long? PrimaryLocationId);
