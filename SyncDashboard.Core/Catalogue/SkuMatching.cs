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
}
