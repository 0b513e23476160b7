using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>Reads the links of a Source and its mirrored products to tell what new settings would do at once.</summary>
public sealed class SettingsChangePreview(IDbContextFactory<SyncDbContext> dbFactory) : ISettingsChangePreview
{
    public async Task<SettingsChangeImpact> PreviewAsync(int sourceStoreId, SourceSettings proposed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.StoreConnections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == sourceStoreId, cancellationToken)
            ?? throw new KeyNotFoundException($"No store connection {sourceStoreId}.");
        var next = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == sourceStoreId, cancellationToken);
        next.SyncedFields = proposed.SyncedFields;
        next.MappedFields = proposed.MappedFields;
        next.PriceRule = proposed.PriceRule;
        next.LocationId = proposed.LocationId;
        next.DeletePolicy = proposed.DeletePolicy;

        // Links whose Source product is draft or archived now (as mirrored): the policy applies to them at once.
        var unavailable = await (
                from link in db.ProductLinks.AsNoTracking()
                where link.SourceStoreId == sourceStoreId
                join product in db.Products.AsNoTracking() on new { StoreId = link.SourceStoreId, ExternalId = link.SourceProductId }
                    equals new { product.StoreId, product.ExternalId }
                where product.Status != null && product.Status != "active"
                select new { link.Kind, product.Title })
            .ToListAsync(cancellationToken);
        List<string> Newly(SourceDeletePolicy policy) => [.. unavailable
            .Where(l => LinkSettings.For(next, l.Kind).DeletePolicy == policy && LinkSettings.For(saved, l.Kind).DeletePolicy != policy)
            .Select(l => l.Title).Order(StringComparer.CurrentCulture)];

        var fieldsTurnedOn = LinkSettings.For(next, LinkKind.Mapped).Fields & ~LinkSettings.For(saved, LinkKind.Mapped).Fields;
        var mapped = fieldsTurnedOn == ProductFieldSync.None
            ? 0
            : await db.ProductLinks.CountAsync(l => l.SourceStoreId == sourceStoreId && l.Kind == LinkKind.Mapped, cancellationToken);
        // Products the Set-to-draft setting drafted: a setting that no longer drafts them gives their status back.
        var paused = await (
                from link in db.ProductLinks.AsNoTracking()
                where link.SourceStoreId == sourceStoreId && link.PausedFromStatus != null
                join product in db.Products.AsNoTracking() on new { StoreId = link.SourceStoreId, ExternalId = link.SourceProductId }
                    equals new { product.StoreId, product.ExternalId }
                select new { link.Kind, product.Title })
            .ToListAsync(cancellationToken);
        List<string> restored = [.. paused.Where(l => LinkSettings.For(next, l.Kind).DeletePolicy is SourceDeletePolicy.KeepAndZeroStock)
            .Select(l => l.Title).Order(StringComparer.CurrentCulture)];
        return new SettingsChangeImpact(Newly(SourceDeletePolicy.Delete), Newly(SourceDeletePolicy.SetToDraft), fieldsTurnedOn, mapped)
        {
            ListingsRestored = restored,
        };
    }
}
