using SyncDashboard.DemoStores;
using SyncDashboard.Core.Linking;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>Finds, in a demo Destination store, the products whose link marker names a Source product.</summary>
internal static class Copies
{
    /// <summary>The Destination products carrying the marker metafield of that Source product.</summary>
    public static IReadOnlyList<long> Of(DemoStoreServer destination, string sourceShopDomain, long sourceProductId) =>
        destination.Catalogue.ProductsWithMetafield(LinkMarker.Namespace, LinkMarker.Key, LinkMarker.Value(sourceShopDomain, sourceProductId));
}
