using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Reconciliation;

namespace SyncDashboard.Core.Syncing;

/// <summary>
/// Turns what changed in a store (a webhook, a sweep, a read) into hints for the engine: new
/// products get their link state; a linked product whose fields or variants changed (at the Source, or
/// by hand at the Destination) or that is gone gets a reconciliation request; a Source stock change of a
/// linked item goes to <see cref="LiveInventory"/>, and a Destination stock that is not what SyncDashboard
/// last read or wrote (found by a sweep when its webhook was lost) gets a reconciliation request. Hints only make convergence faster: the periodic
/// reconciliation finds whatever a lost hint missed.
/// </summary>
public sealed class ChangeRouter(
    IDbContextFactory<SyncDbContext> dbFactory,
    LinkStore links,
    LiveInventory inventory,
    DestinationStock stock)
{
    /// <summary>After products of <paramref name="store"/> were mirrored, changed or removed.</summary>
    public async Task OnMirrorChangedAsync(StoreConnection store, MirrorChanges changes, CancellationToken cancellationToken = default)
    {
        if (changes.NewProducts.Count > 0)
        {
            await links.ApplyStatesAsync(store.Id, cancellationToken);
        }
        var touched = changes.ContentChanged.Concat(changes.RemovedProducts).Distinct().ToList();
        if (touched.Count > 0)
        {
            await links.RequestCheckAsync(await LinksOfAsync(store, touched, cancellationToken), cancellationToken);
        }
        if (changes.QuantityChanges.Count == 0)
        {
            return;
        }
        var items = changes.QuantityChanges.Select(c => c.InventoryItemId).Distinct().ToList();
        if (store.Role == StoreRole.Source)
        {
            await inventory.HintAsync(store.Id, items, cancellationToken);
            return;
        }
        // A Destination stock changed (by hand, or by another app, its webhook lost): what SyncDashboard knows of
        // that level is stale, so a stock hint would see nothing to do; the reconciliation reads both sides.
        var quantities = changes.QuantityChanges.GroupBy(c => c.InventoryItemId).ToDictionary(g => g.Key, g => g.Last().NewQuantity);
        await links.RequestCheckAsync(await LinksWithOtherDestinationStockAsync(store.Id, quantities, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// An <c>inventory_levels/update</c>: at the Source (at the location its stock rule counts), a hint
    /// for its linked items; at the Destination (at the location linked stock is written), a level that
    /// differs from what SyncDashboard wrote is recorded and checked against the Source at once.
    /// </summary>
    public async Task OnInventoryLevelAsync(StoreConnection store, long inventoryItemId, long locationId, int? available,
        CancellationToken cancellationToken = default)
    {
        if (store.Role == StoreRole.Source)
        {
            if (store.LocationId is { } chosen && chosen != locationId)
            {
                return; // stock at a location the Destination does not sell from
            }
            await inventory.HintAsync(store.Id, [inventoryItemId], cancellationToken);
            return;
        }
        if (await stock.LocationAsync(store, cancellationToken) != locationId || stock.IsOwnWrite(store.Id, inventoryItemId, available))
        {
            return; // another location, or the echo of SyncDashboard's own write
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pairs = await db.VariantLinks.AsNoTracking().Where(v => v.DestinationInventoryItemId == inventoryItemId)
            .Join(db.ProductLinks.AsNoTracking().Where(l => l.DestinationStoreId == store.Id), v => v.ProductLinkId, l => l.Id,
                (v, l) => new { v.SourceInventoryItemId, v.DestinationAvailable, l.SourceStoreId })
            .ToListAsync(cancellationToken);
        foreach (var pair in pairs.Where(p => p.DestinationAvailable != available))
        {
            // Not the echo of SyncDashboard's own write: someone else changed it.
            await links.RecordDestinationStockAsync(store.Id, inventoryItemId, available, null, written: false, cancellationToken);
            await inventory.HintAsync(pair.SourceStoreId, [pair.SourceInventoryItemId], cancellationToken);
        }
    }

    private async Task<List<long>> LinksOfAsync(StoreConnection store, IReadOnlyList<long> productIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = new List<long>();
        foreach (var chunk in productIds.Chunk(500))
        {
            result.AddRange(store.Role == StoreRole.Source
                ? await db.ProductLinks.Where(l => l.SourceStoreId == store.Id && chunk.Contains(l.SourceProductId)).Select(l => l.Id).ToListAsync(cancellationToken)
                : await db.ProductLinks.Where(l => l.DestinationStoreId == store.Id && chunk.Contains(l.DestinationProductId)).Select(l => l.Id).ToListAsync(cancellationToken));
        }
        return result;
    }

    /// <summary>
    /// The links of Destination items whose quantity, as the store now says, is not the one SyncDashboard last
    /// read or wrote (its own writes are not checked again).
    /// </summary>
    private async Task<List<long>> LinksWithOtherDestinationStockAsync(int destinationStoreId, IReadOnlyDictionary<long, int> quantities,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = new List<long>();
        foreach (var chunk in quantities.Keys.Chunk(500))
        {
            var pairs = await db.VariantLinks.AsNoTracking().Where(v => chunk.Contains(v.DestinationInventoryItemId))
                .Join(db.ProductLinks.AsNoTracking().Where(l => l.DestinationStoreId == destinationStoreId), v => v.ProductLinkId, l => l.Id,
                    (v, l) => new { l.Id, v.DestinationInventoryItemId, v.DestinationAvailable })
                .ToListAsync(cancellationToken);
            result.AddRange(pairs.Where(p => p.DestinationAvailable != quantities[p.DestinationInventoryItemId]).Select(p => p.Id));
        }
        return [.. result.Distinct()];
    }
}
