namespace SyncDashboard.Core.Catalogue;

/// <summary>A product that holds some SKUs: its store, ids and title, and which of the SKUs it holds (normalised).</summary>
public sealed record SkuOwner(int StoreId, long MirroredId, long ExternalId, string Title, IReadOnlyList<string> SharedSkus);

/// <summary>
/// SKU matching, the rule behind Map and behind "never a duplicate" (pure): SKUs compare trimmed and
/// case-insensitively (<see cref="CatalogueMirror.NormalizeSku"/>); a product is identified by its
/// SKUs, so a Source product whose SKUs already identify a Destination product must be mapped to it,
/// not synced again.
/// </summary>
public static class SkuMatching
{
    /// <summary>The distinct normalised SKUs of a product's variants (missing ones left out).</summary>
    public static IReadOnlyList<string> Skus(IEnumerable<string?> skus) =>
        [.. skus.Select(CatalogueMirror.NormalizeSku).Where(s => s is not null).Select(s => s!).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The products among <paramref name="candidates"/> (variants as store, mirrored id, store id,
    /// title, normalised SKU) that hold any of <paramref name="skus"/>, the one sharing most first.
    /// </summary>
    public static IReadOnlyList<SkuOwner> Owners(IReadOnlyList<string> skus,
        IEnumerable<(int StoreId, long MirroredId, long ExternalId, string Title, string? NormalizedSku)> candidates)
    {
        var wanted = skus.ToHashSet(StringComparer.Ordinal);
        return [.. candidates.Where(c => c.NormalizedSku is not null && wanted.Contains(c.NormalizedSku))
            .GroupBy(c => (c.StoreId, c.MirroredId))
            .Select(g => new SkuOwner(g.Key.StoreId, g.Key.MirroredId, g.First().ExternalId, g.First().Title,
                [.. g.Select(c => c.NormalizedSku!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .OrderByDescending(o => o.SharedSkus.Count).ThenBy(o => o.MirroredId)];
    }

    /// <summary>
    /// Why two products cannot be mapped variant for variant, and what would make them mappable; null
    /// when their variant counts allow it (the seed's rule: Map pairs every variant one to one, so the
    /// counts must be equal). <paramref name="sourceSkus"/> and <paramref name="destinationSkus"/> are
    /// the two products' variants' SKUs, one entry a variant (null: no SKU).
    /// </summary>
    public static string? VariantCountBlocker(IReadOnlyList<string?> sourceSkus, IReadOnlyList<string?> destinationSkus)
    {
        if (sourceSkus.Count == destinationSkus.Count)
        {
            return null;
        }
        var inSource = sourceSkus.Select(CatalogueMirror.NormalizeSku).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var inDestination = destinationSkus.Select(CatalogueMirror.NormalizeSku).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = sourceSkus.OfType<string>().Where(s => !inDestination.Contains(CatalogueMirror.NormalizeSku(s)!)).Distinct().ToList();
        var extra = destinationSkus.OfType<string>().Where(s => !inSource.Contains(CatalogueMirror.NormalizeSku(s)!)).Distinct().ToList();
        var fixes = new List<string>();
        if (missing.Count > 0)
        {
            fixes.Add($"add {Named(missing)} to the Destination product");
        }
        if (extra.Count > 0)
        {
            fixes.Add($"remove {Named(extra)} from the Destination product (or add {(extra.Count == 1 ? "it" : "them")} at the Source)");
        }
        return $"the products have different numbers of variants ({sourceSkus.Count} in the Source, {destinationSkus.Count} in the Destination) " +
            $"and mapping pairs every variant one to one{(fixes.Count == 0 ? "." : $": {string.Join(" and ", fixes)}, then map them.")}";
    }

    private static string Named(IReadOnlyList<string> skus) =>
        skus.Count == 1 ? $"the variant with SKU {skus[0]}" : $"the variants with SKUs {string.Join(", ", skus.Take(5))}{(skus.Count > 5 ? $" and {skus.Count - 5} more" : "")}";
}
