using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Tests.Infrastructure;

internal static class SyncableProducts
{
    /// <summary>
    /// A store's active products that Sync creates anew: no SKU problem, not linked, and no SKU already in
    /// the Destination (those must be mapped: Sync refuses them as duplicates). Active, so that their copy
    /// follows their stock (a draft or archived one's copy is held at 0 by the default deletion policy).
    /// </summary>
    public static IQueryable<MirroredProduct> Syncable(this SyncDbContext db, int storeId)
    {
        var destination = db.StoreConnections.Where(c => c.Role == StoreRole.Destination).Select(c => c.Id);
        return db.Products.AsNoTracking().Include(p => p.Variants)
            .Where(p => p.StoreId == storeId && p.Problem == SkuProblem.None && p.SyncState == SyncState.NotSynced && p.Status == "active")
            .Where(p => !p.Variants.Any(v => db.Variants.Any(d => destination.Contains(d.StoreId) && d.NormalizedSku == v.NormalizedSku)));
    }
}
