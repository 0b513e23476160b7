using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>What became of a link's Source product.</summary>
public enum SourceCondition
{
    /// <summary>Active: its copy follows it.</summary>
    Active,

    /// <summary>Archived or draft at the Source: the Source's deletion policy applies while it stays so.</summary>
    Unavailable,

    /// <summary>Deleted, or simply no longer in the Source: the policy applies and the link ends.</summary>
    Gone,
}

/// <summary>The settings of a link's Source that shape its desired state.</summary>
/// <param name="Fields">The fields that flow for this link's kind (stock always flows).</param>
/// <param name="DeletePolicy">What becomes of the Destination product when its Source product is unavailable or gone.</param>
public sealed record LinkSettings(ProductFieldSync Fields, PriceRule Prices, SourceDeletePolicy DeletePolicy)
{
    /// <summary>
    /// The settings for a link of <paramref name="kind"/>. A mapped Destination product is the
    /// merchant's own listing, so the Delete policy never deletes it: it is kept with stock 0 (deleting
    /// applies to the copies Sync created; the same rule as "Disconnect and delete copies").
    /// </summary>
    public static LinkSettings For(StoreConnection source, LinkKind kind) => kind == LinkKind.Synced
        ? new(source.SyncedFields, source.PriceRule, source.DeletePolicy)
        : new(source.MappedFields, source.PriceRule,
            source.DeletePolicy == SourceDeletePolicy.Delete ? SourceDeletePolicy.KeepAndZeroStock : source.DeletePolicy);
}

/// <summary>
/// The Source side as read: the product (null when it is gone) and each inventory item's quantity
/// under <see cref="StockRule"/> (missing: untracked, or not read).
/// </summary>
public sealed record SourceSnapshot(StoreProduct? Product, IReadOnlyDictionary<long, int> Available);

/// <summary>One linked Destination variant as it should be.</summary>
/// <param name="Source">The Source variant it follows (null when that is gone).</param>
/// <param name="Tracked">Whether its stock is tracked (as the Source variant's).</param>
/// <param name="Available">Its available quantity at the Destination's location (null: untracked, no quantity).</param>
/// <param name="InventoryPolicy"><c>deny</c> or <c>continue</c>, as the Source's; null leaves it.</param>
/// <param name="Prices">Its price and compare-at price through the price rule, when prices flow; null leaves them.</param>
public sealed record DesiredVariant(VariantLink Link, StoreVariant? Source, bool Tracked, int? Available, string? InventoryPolicy, StoreVariantPrices? Prices);

/// <summary>
/// The state a link's Destination product should have, computed by <see cref="DesiredState.For"/>:
/// null fields are not managed (left as the merchant has them).
/// </summary>
public sealed record DesiredProduct
{
    public required SourceCondition Source { get; init; }

    /// <summary>Delete the Destination product (the Delete policy, once the Source product is unavailable or gone).</summary>
    public bool Delete { get; init; }

    /// <summary>End the link once the rest is applied (the Source product is gone).</summary>
    public bool Unlink { get; init; }

    /// <summary>The Destination status to set (draft under the "set to draft" policy, or the status to restore); null: leave it.</summary>
    public string? Status { get; init; }

    public string? Title { get; init; }
    public string? DescriptionHtml { get; init; }
    public string? Vendor { get; init; }
    public string? ProductType { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<string>? ImageSources { get; init; }

    public IReadOnlyList<DesiredVariant> Variants { get; init; } = [];

    /// <summary>Synced: Source variants the copy lacks, to add (with their stock) and link.</summary>
    public IReadOnlyList<StoreVariant> VariantsToAdd { get; init; } = [];

    /// <summary>Synced: pairs whose Source variant is gone, whose Destination variant is removed from the copy.</summary>
    public IReadOnlyList<VariantLink> VariantsToRemove { get; init; } = [];

    /// <summary>Mapped: why the link is out of step ("Source added SKU X"); empty when it is not.</summary>
    public IReadOnlyList<string> OutOfStepReasons { get; init; } = [];
}

/// <summary>
/// The desired-state rules, defined once (pure: no store, no database):
/// <list type="bullet">
/// <item>stock: <see cref="StockRule"/>; an untracked Source variant gives an untracked copy; the
/// inventory policy (deny / continue) is copied;</item>
/// <item>fields: only those switched on for the link's kind (<see cref="LinkSettings.Fields"/>),
/// prices through the Source's <see cref="PriceRule"/>;</item>
/// <item>variants: a synced copy gains the variants added at the Source and loses those removed; a
/// mapped link is out of step with the reason, and a removed variant's Destination stock is 0 (tracked,
/// deny) so nothing is oversold;</item>
/// <item>a Source product archived, set to draft, deleted or gone: the deletion policy (keep with stock
/// 0, set the copy to draft, or delete); a draft set by the policy is lifted when the Source is active again.</item>
/// </list>
/// </summary>
public static class DesiredState
{
    public const string Draft = "draft";

    public static DesiredProduct For(ProductLink link, SourceSnapshot source, LinkSettings settings)
    {
        var product = source.Product;
        var condition = product is null ? SourceCondition.Gone
            : product.Status is null or "active" ? SourceCondition.Active
            : SourceCondition.Unavailable;
        if (condition != SourceCondition.Active && settings.DeletePolicy == SourceDeletePolicy.Delete)
        {
            return new DesiredProduct { Source = condition, Delete = true, Unlink = true };
        }
        var zero = condition != SourceCondition.Active && settings.DeletePolicy == SourceDeletePolicy.KeepAndZeroStock;
        // Drafted by the policy; otherwise (the Source product active again, or the policy no longer drafting, as
        // for a mapped listing when the setting becomes Delete) the status it had before it was drafted, if it was.
        var status = condition != SourceCondition.Active && settings.DeletePolicy == SourceDeletePolicy.SetToDraft ? Draft
            : link.PausedFromStatus;

        var diff = VariantDiff.Compare(product?.Variants ?? [], link.Variants);
        var fields = settings.Fields;
        var variants = new List<DesiredVariant>();
        foreach (var (pair, variant) in diff.Kept)
        {
            variants.Add(zero
                ? SoldOut(pair) with { Source = variant }
                : new DesiredVariant(pair, variant, variant.InventoryTracked,
                    variant.InventoryTracked ? source.Available.GetValueOrDefault(variant.InventoryItemId ?? 0) : null,
                    variant.InventoryPolicy,
                    fields.HasFlag(ProductFieldSync.Prices)
                        ? new StoreVariantPrices(settings.Prices.Apply(variant.Price), settings.Prices.ApplyCompareAt(variant.CompareAtPrice))
                        : null));
        }

        var reasons = new List<string>();
        IReadOnlyList<StoreVariant> toAdd = [];
        IReadOnlyList<VariantLink> toRemove = [];
        if (link.Kind == LinkKind.Synced && condition != SourceCondition.Gone)
        {
            toAdd = zero ? [] : diff.Added;
            toRemove = diff.Removed;
        }
        else if (link.Kind == LinkKind.Mapped && condition != SourceCondition.Gone)
        {
            reasons.AddRange(diff.Added.Select(v => $"Source added {VariantDiff.Name(v.Sku, v.Title)}"));
            reasons.AddRange(diff.Removed.Select(v => $"Source removed {VariantDiff.Name(v.Sku)}"));
            variants.AddRange(diff.Removed.Select(SoldOut));
        }
        else
        {
            variants.AddRange(diff.Removed.Select(SoldOut));
        }

        var managed = condition != SourceCondition.Gone && product is not null;
        return new DesiredProduct
        {
            Source = condition,
            Unlink = condition == SourceCondition.Gone,
            Status = status,
            Title = managed && fields.HasFlag(ProductFieldSync.Title) ? product!.Title : null,
            DescriptionHtml = managed && fields.HasFlag(ProductFieldSync.Description) ? product!.DescriptionHtml ?? "" : null,
            Vendor = managed && fields.HasFlag(ProductFieldSync.Vendor) ? product!.Vendor ?? "" : null,
            ProductType = managed && fields.HasFlag(ProductFieldSync.ProductType) ? product!.ProductType ?? "" : null,
            Tags = managed && fields.HasFlag(ProductFieldSync.Tags) ? product!.Tags : null,
            ImageSources = managed && fields.HasFlag(ProductFieldSync.Images) ? [.. product!.Images.OrderBy(i => i.Position).Select(i => i.Src)] : null,
            Variants = variants,
            VariantsToAdd = toAdd,
            VariantsToRemove = toRemove,
            OutOfStepReasons = reasons,
        };
    }

    /// <summary>Stock 0, tracked, deny: the variant cannot be sold.</summary>
    private static DesiredVariant SoldOut(VariantLink pair) => new(pair, Source: null, Tracked: true, Available: 0, InventoryPolicy: "deny", Prices: null);
}
