using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Linking;

/// <summary>
/// The mark a synced Destination product carries of the Source product it copies: a product metafield
/// <c>syncdashboard.source</c> = <c>{source shop domain}/{source product id}</c>. Shoppers never see
/// it (unlike a tag, which themes show and filter by). It lets a retried Sync find the product an
/// interrupted attempt created, and a Sync after "Unsync &amp; keep" find the kept copy to link again.
/// Copies made before it carry the legacy tag <c>syncdashboard-source-{store id}-{product id}</c>;
/// they are still recognised, and the reconciliation moves the mark to the metafield.
/// </summary>
public static class LinkMarker
{
    public const string Namespace = "syncdashboard";
    public const string Key = "source";

    public static StoreMetafield For(string sourceShopDomain, long sourceProductId) =>
        new(Namespace, Key, Value(sourceShopDomain, sourceProductId));

    public static string Value(string sourceShopDomain, long sourceProductId) =>
        $"{sourceShopDomain.Trim().ToLowerInvariant()}/{sourceProductId}";

    /// <summary>Whether the metafields carry the mark of that Source product.</summary>
    public static bool Names(IEnumerable<StoreMetafield> metafields, string sourceShopDomain, long sourceProductId) =>
        metafields.Any(m => m.Namespace == Namespace && m.Key == Key && m.Value == Value(sourceShopDomain, sourceProductId));

    /// <summary>The tag older versions put on a synced copy.</summary>
    public static string LegacyTag(int sourceStoreId, long sourceProductId) => $"syncdashboard-source-{sourceStoreId}-{sourceProductId}";

    public static bool HasLegacyTag(IEnumerable<string> tags, int sourceStoreId, long sourceProductId) =>
        tags.Contains(LegacyTag(sourceStoreId, sourceProductId), StringComparer.OrdinalIgnoreCase);
}
