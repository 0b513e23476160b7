using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>
/// How a Source product's variants compare with a link's variant pairs: the pairs whose Source
/// variant is still there, the Source variants no pair holds (added at the Source), and the pairs
/// whose Source variant is gone (removed at the Source). Matched by the Source variant's id.
/// </summary>
public sealed record VariantDiff(
    IReadOnlyList<(VariantLink Link, StoreVariant Source)> Kept,
    IReadOnlyList<StoreVariant> Added,
    IReadOnlyList<VariantLink> Removed)
{
    public bool Changed => Added.Count > 0 || Removed.Count > 0;

    public static VariantDiff Compare(IReadOnlyList<StoreVariant> sourceVariants, IReadOnlyList<VariantLink> links)
    {
        var byId = sourceVariants.ToDictionary(v => v.Id);
        var kept = new List<(VariantLink, StoreVariant)>();
        var removed = new List<VariantLink>();
        foreach (var link in links)
        {
            if (byId.Remove(link.SourceVariantId, out var source))
            {
                kept.Add((link, source));
            }
            else
            {
                removed.Add(link);
            }
        }
        var added = sourceVariants.Where(v => byId.ContainsKey(v.Id)).ToList();
        return new VariantDiff(kept, added, removed);
    }

    /// <summary>"SKU X" or "a variant without SKU (Title)", for messages.</summary>
    public static string Name(string? sku, string? title = null) =>
        CatalogueMirror.NormalizeSku(sku) is null ? $"a variant without SKU{(string.IsNullOrEmpty(title) ? "" : $" ({title})")}" : $"SKU {sku!.Trim()}";
}
