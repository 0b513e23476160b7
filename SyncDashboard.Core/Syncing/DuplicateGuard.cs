using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Syncing;

/// <summary>What Sync must do with a Source product whose SKUs already identify a Destination product.</summary>
public abstract record SyncCheck
{
    /// <summary>No Destination product has its SKUs: create a new one.</summary>
    public sealed record Create : SyncCheck;

    /// <summary>The Destination product is this Source product's own copy, kept by "Unsync &amp; keep": link it again.</summary>
    public sealed record Relink(StoreProduct Copy) : SyncCheck;

    /// <summary>Creating would make a second product with the same SKUs: refused.</summary>
    public sealed record Refuse(SyncConflict Conflict) : SyncCheck;
}

/// <summary>
/// Never a duplicate: before Sync creates a product, it looks for Destination products that already
/// carry any of the Source product's SKUs (<see cref="SkuMatching"/>). One that is this Source
/// product's kept copy (its <see cref="LinkMarker"/> names it) is linked again; any other refuses
/// the Sync with the reason and the product to map instead, naming both Source stores when the SKU
/// came from another Source.
/// </summary>
public sealed class DuplicateGuard(IDbContextFactory<SyncDbContext> dbFactory, StoreConnectionService connections)
{
    public async Task<SyncCheck> CheckAsync(MirroredProduct product, StoreConnection source, StoreConnection destination, CancellationToken cancellationToken = default)
    {
        var skus = SkuMatching.Skus(product.Variants.Select(v => v.Sku));
        if (skus.Count == 0)
        {
            return new SyncCheck.Create();
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Variants.AsNoTracking()
            .Where(v => v.StoreId == destination.Id && skus.Contains(v.NormalizedSku!))
            .Join(db.Products.AsNoTracking(), v => v.ProductId, p => p.Id, (v, p) => new { p.StoreId, MirroredId = p.Id, p.ExternalId, p.Title, v.NormalizedSku })
            .ToListAsync(cancellationToken);
        var owners = SkuMatching.Owners(skus, candidates.Select(c => (c.StoreId, c.MirroredId, c.ExternalId, c.Title, c.NormalizedSku)));
        if (owners.Count == 0)
        {
            return new SyncCheck.Create();
        }
        var client = connections.ClientFor(destination);
        foreach (var owner in owners)
        {
            var link = await db.ProductLinks.AsNoTracking()
                .FirstOrDefaultAsync(l => l.DestinationStoreId == destination.Id && l.DestinationProductId == owner.ExternalId, cancellationToken);
            if (link is not null)
            {
                return new SyncCheck.Refuse(new SyncConflict(await LinkedReasonAsync(db, owner, link, source, destination, cancellationToken), null));
            }
            // Read from the store, not the mirror: its mark is what counts (metafield, or an older version's tag).
            if (await client.GetProductAsync(owner.ExternalId, cancellationToken) is not { } copy)
            {
                continue;
            }
            var isCopy = LinkMarker.HasLegacyTag(copy.Tags, source.Id, product.ExternalId)
                || (source.ShopDomain is { } domain && LinkMarker.Names(
                    await client.GetProductMetafieldsAsync(owner.ExternalId, LinkMarker.Namespace, cancellationToken), domain, product.ExternalId));
            if (isCopy)
            {
                return new SyncCheck.Relink(copy);
            }
        }
        var first = owners[0];
        var identifies = $"{Skus(first.SharedSkus)} already {(first.SharedSkus.Count == 1 ? "identifies" : "identify")} \"{first.Title}\" in {destination.Name}";
        var destinationSkus = await db.Variants.AsNoTracking().Where(v => v.ProductId == first.MirroredId).OrderBy(v => v.Position).Select(v => v.Sku).ToListAsync(cancellationToken);
        if (SkuMatching.VariantCountBlocker([.. product.Variants.OrderBy(v => v.Position).Select(v => v.Sku)], destinationSkus) is { } blocker)
        {
            // Map cannot pair them as they are: say what would make it possible rather than offer a Map that must fail.
            return new SyncCheck.Refuse(new SyncConflict($"{identifies}, so Sync would make a second product with the same SKUs; {blocker}", null));
        }
        return new SyncCheck.Refuse(new SyncConflict(
            $"{identifies}: map the two instead of creating a second product with the same SKUs.", first.MirroredId));
    }

    private static async Task<string> LinkedReasonAsync(SyncDbContext db, SkuOwner owner, ProductLink link, StoreConnection source, StoreConnection destination,
        CancellationToken cancellationToken)
    {
        var other = await db.StoreConnections.AsNoTracking().Where(c => c.Id == link.SourceStoreId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        var follows = await db.Products.AsNoTracking().Where(p => p.StoreId == link.SourceStoreId && p.ExternalId == link.SourceProductId)
            .Select(p => p.Title).FirstOrDefaultAsync(cancellationToken);
        return link.SourceStoreId == source.Id
            ? $"{Skus(owner.SharedSkus)} {Is(owner.SharedSkus)} already in \"{owner.Title}\" in {destination.Name}, which follows \"{follows}\" of {source.Name}."
            : $"{Skus(owner.SharedSkus)} {Is(owner.SharedSkus)} in both {source.Name} and {other}: \"{owner.Title}\" in {destination.Name} already follows \"{follows}\" of {other}.";
    }

    private static string Is(IReadOnlyList<string> skus) => skus.Count == 1 ? "is" : "are";

    private static string Skus(IReadOnlyList<string> skus) =>
        skus.Count == 1 ? $"SKU {skus[0]}" : $"SKUs {string.Join(", ", skus.Take(3))}{(skus.Count > 3 ? $" and {skus.Count - 3} more" : "")}";
}
