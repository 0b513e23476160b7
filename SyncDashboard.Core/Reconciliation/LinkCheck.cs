using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>
/// The <see cref="ILinkCheck"/> of the dashboard: one reconciliation run over the product's link, logged as "Details". Any
/// signed-in user may ask (a Viewer too): it only does what the reconciliation would do anyway, changing no choice of the merchant's.
/// </summary>
public sealed class LinkCheck(IDbContextFactory<SyncDbContext> dbFactory, Reconciler reconciler) : ILinkCheck
{
    public async Task<bool> CheckProductAsync(long productId, CancellationToken cancellationToken = default)
    {
        long? linkId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var product = await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => new { p.StoreId, p.ExternalId }).FirstOrDefaultAsync(cancellationToken);
            if (product is null)
            {
                return false;
            }
            linkId = await db.ProductLinks.AsNoTracking()
                .Where(l => (l.SourceStoreId == product.StoreId && l.SourceProductId == product.ExternalId)
                    || (l.DestinationStoreId == product.StoreId && l.DestinationProductId == product.ExternalId))
                .Select(l => (long?)l.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (linkId is not { } id)
        {
            return false;
        }
        await reconciler.ReconcileAsync([id], new ReconcileRun { Trigger = "Details" }, cancellationToken);
        return true;
    }
}
