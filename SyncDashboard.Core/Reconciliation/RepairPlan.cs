using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>One Destination inventory level to set.</summary>
/// <param name="From">The level as read (null: unknown).</param>
public sealed record StockChange(VariantLink Link, int? From, int To);

/// <summary>
/// What must change at the Destination for a link's product to match its <see cref="DesiredProduct"/>,
/// computed by <see cref="Between"/> (pure). Only what differs is in it, so a pass with nothing to
/// repair writes nothing.
/// </summary>
public sealed record RepairPlan
{
    /// <summary>The legacy marker tag prefix (<c>syncdashboard-source-{store}-{product}</c>), migrated to the metafield.</summary>
    public const string LegacyMarkerPrefix = "syncdashboard-source-";

    /// <summary>The Destination product no longer exists (deleted by hand): the link ends.</summary>
    public bool DestinationGone { get; init; }

    public bool DeleteProduct { get; init; }
    public bool Unlink { get; init; }

    /// <summary>The product fields and variant settings to change (null: none).</summary>
    public StoreProductUpdate? Update { get; init; }

    /// <summary>The images' key to remember once <see cref="Update"/> has replaced them.</summary>
    public string? AppliedImagesKey { get; init; }

    public IReadOnlyList<StockChange> Stock { get; init; } = [];

    /// <summary>Source variants to add to the copy (new at the Source, or their copy was deleted by hand).</summary>
    public IReadOnlyList<StoreVariant> CreateVariants { get; init; } = [];

    /// <summary>Pairs to end whose Destination variant is deleted (removed at the Source).</summary>
    public IReadOnlyList<VariantLink> DeleteVariants { get; init; } = [];

    /// <summary>Pairs to end whose Destination variant no longer exists (their Source variant is added again when synced).</summary>
    public IReadOnlyList<VariantLink> DropPairs { get; init; } = [];

    /// <summary>The product still carries the legacy marker tag: write the marker metafield (the tag goes with <see cref="Update"/>).</summary>
    public bool MigrateMarker { get; init; }

    public IReadOnlyList<string> OutOfStepReasons { get; init; } = [];

    /// <summary>The link's <see cref="ProductLink.PausedFromStatus"/> once the plan is applied.</summary>
    public string? PausedFromStatus { get; init; }

    /// <summary>What the plan changes, in words ("stock of 2 variants", "title").</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    public bool IsEmpty => !DestinationGone && !DeleteProduct && !Unlink && Update is null && Stock.Count == 0 && CreateVariants.Count == 0
        && DeleteVariants.Count == 0 && DropPairs.Count == 0 && !MigrateMarker;

    /// <summary>
    /// Compares the desired state with the Destination as read: <paramref name="actual"/> (null: the
    /// product is gone) and <paramref name="levels"/>, the available quantity of each Destination
    /// inventory item at the Destination's location (missing: not read or not stocked there).
    /// </summary>
    public static RepairPlan Between(DesiredProduct desired, ProductLink link, StoreProduct? actual, IReadOnlyDictionary<long, int> levels)
    {
        var kind = link.Kind;
        if (actual is null)
        {
            return new RepairPlan { DestinationGone = true, Unlink = true, Changes = ["the Destination product was deleted"] };
        }
        if (desired.Delete)
        {
            return new RepairPlan { DeleteProduct = true, Unlink = true, Changes = ["deleted"], PausedFromStatus = link.PausedFromStatus };
        }

        var changes = new List<string>();
        var reasons = desired.OutOfStepReasons.ToList();
        var actualVariants = actual.Variants.ToDictionary(v => v.Id);
        var variantUpdates = new List<StoreVariantUpdate>();
        var stock = new List<StockChange>();
        var dropped = new List<VariantLink>();
        var recreate = new List<StoreVariant>();
        var recreatable = desired.Source != SourceCondition.Gone && kind == LinkKind.Synced;
        int prices = 0, tracking = 0;
        foreach (var want in desired.Variants)
        {
            if (!actualVariants.TryGetValue(want.Link.DestinationVariantId, out var have))
            {
                if (kind == LinkKind.Synced)
                {
                    dropped.Add(want.Link);
                    if (recreatable && want.Source is not null)
                    {
                        recreate.Add(want.Source); // deleted by hand from the copy: added again
                    }
                }
                else
                {
                    reasons.Add($"Destination variant of {VariantDiff.Name(want.Link.Sku)} was deleted");
                }
                continue;
            }
            var update = new StoreVariantUpdate(have.Id);
            if (want.Tracked != have.InventoryTracked)
            {
                update = update with { InventoryTracked = want.Tracked };
                tracking++;
            }
            if (want.InventoryPolicy is { } policy && !string.Equals(policy, have.InventoryPolicy ?? "deny", StringComparison.OrdinalIgnoreCase))
            {
                update = update with { InventoryPolicy = policy };
                tracking++;
            }
            if (want.Prices is { } wanted && (wanted.Price != have.Price || wanted.CompareAtPrice != have.CompareAtPrice))
            {
                update = update with { Prices = wanted };
                prices++;
            }
            if (update != new StoreVariantUpdate(have.Id))
            {
                variantUpdates.Add(update);
            }
            if (want.Tracked && want.Available is { } quantity)
            {
                int? current = levels.TryGetValue(want.Link.DestinationInventoryItemId, out var level) ? level : null;
                if (current != quantity)
                {
                    stock.Add(new StockChange(want.Link, current, quantity));
                }
            }
        }

        var actualTags = actual.Tags.ToList();
        var legacyMarker = actualTags.Any(IsLegacyMarker);
        var tags = desired.Tags is { } wantedTags && !SameTags(wantedTags, actualTags.Where(t => !IsLegacyMarker(t))) ? wantedTags
            : legacyMarker ? [.. (desired.Tags ?? actualTags).Where(t => !IsLegacyMarker(t))]
            : null;
        string? imagesKey = null;
        IReadOnlyList<string>? images = null;
        if (desired.ImageSources is { } wantedImages)
        {
            var key = ImagesKey(wantedImages);
            if (key != link.AppliedImagesKey || wantedImages.Count != actual.Images.Count)
            {
                images = wantedImages;
                imagesKey = key;
            }
        }
        var productUpdate = new StoreProductUpdate
        {
            Title = desired.Title is { } title && title != actual.Title ? title : null,
            DescriptionHtml = desired.DescriptionHtml is { } html && html != (actual.DescriptionHtml ?? "") ? html : null,
            Vendor = desired.Vendor is { } vendor && vendor != (actual.Vendor ?? "") ? vendor : null,
            ProductType = desired.ProductType is { } type && type != (actual.ProductType ?? "") ? type : null,
            Tags = tags,
            ImageSources = images,
            Status = desired.Status is { } status && !string.Equals(status, actual.Status, StringComparison.OrdinalIgnoreCase) ? status : null,
            Variants = variantUpdates.Count == 0 ? null : variantUpdates,
        };

        AddIf(changes, productUpdate.Title is not null, "title");
        AddIf(changes, productUpdate.DescriptionHtml is not null, "description");
        AddIf(changes, productUpdate.Vendor is not null, "vendor");
        AddIf(changes, productUpdate.ProductType is not null, "type");
        AddIf(changes, productUpdate.Tags is not null, legacyMarker && desired.Tags is null ? "marker tag moved to a metafield" : "tags");
        AddIf(changes, productUpdate.ImageSources is not null, "images");
        AddIf(changes, productUpdate.Status is not null, $"status {productUpdate.Status}");
        AddIf(changes, prices > 0, Count(prices, "price"));
        AddIf(changes, tracking > 0, Count(tracking, "inventory setting"));
        AddIf(changes, stock.Count > 0, $"stock of {Count(stock.Count, "variant")}");
        AddIf(changes, desired.VariantsToAdd.Count + recreate.Count > 0, $"{Count(desired.VariantsToAdd.Count + recreate.Count, "variant")} added");
        AddIf(changes, desired.VariantsToRemove.Count > 0, $"{Count(desired.VariantsToRemove.Count, "variant")} removed");

        var paused = desired.Status == DesiredState.Draft && desired.Source != SourceCondition.Active ? link.PausedFromStatus ?? actual.Status : null;
        return new RepairPlan
        {
            Unlink = desired.Unlink,
            PausedFromStatus = paused,
            Update = productUpdate.IsEmpty ? null : productUpdate,
            AppliedImagesKey = imagesKey,
            Stock = stock,
            CreateVariants = [.. desired.VariantsToAdd, .. recreate],
            DeleteVariants = desired.VariantsToRemove,
            DropPairs = dropped,
            MigrateMarker = legacyMarker,
            OutOfStepReasons = reasons,
            Changes = changes,
        };
    }

    /// <summary>A stable key of an ordered list of image addresses.</summary>
    public static string ImagesKey(IEnumerable<string> sources)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', sources)));
        return Convert.ToHexString(hash, 0, 12);
    }

    public static bool IsLegacyMarker(string tag) => tag.StartsWith(LegacyMarkerPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Tags compare as sets, ignoring case (Shopify keeps one of two tags that differ only in case).</summary>
    public static bool SameTags(IEnumerable<string> a, IEnumerable<string> b) =>
        a.Select(t => t.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(b.Select(t => t.Trim()));

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static void AddIf(List<string> list, bool condition, string text)
    {
        if (condition)
        {
            list.Add(text);
        }
    }
}
