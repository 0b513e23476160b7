using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Syncing;

/// <summary>
/// Live inventory: a Source item's new quantity is set on its linked Destination item. Changes of
/// one item that arrive while its update is pending are coalesced (the latest value wins, one store
/// call). A failed update keeps the latest value and is tried again, so nothing is lost.
/// </summary>
public sealed class LiveInventory(
    IDbContextFactory<SyncDbContext> dbFactory,
    StoreConnectionService connections,
    ActivityLog activity,
    IOptions<SyncDashboardOptions> options,
    ILogger<LiveInventory> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(int StoreId, long ItemId), int> _latest = new();
    private readonly ConcurrentDictionary<(int StoreId, long ItemId), byte> _scheduled = new();

    /// <summary>Store calls made to set Destination levels (for tests and diagnostics).</summary>
    public long Pushes => Interlocked.Read(ref _pushes);
    private long _pushes;

    /// <summary>Records the Source item's latest quantity and makes sure one update is on its way.</summary>
    public void Enqueue(int sourceStoreId, long sourceInventoryItemId, int quantity)
    {
        var key = (sourceStoreId, sourceInventoryItemId);
        _latest[key] = quantity;
        if (_scheduled.TryAdd(key, 0))
        {
            _ = Task.Run(() => FlushAsync(key, options.Value.InventoryCoalesceWindow));
        }
    }

    private async Task FlushAsync((int StoreId, long ItemId) key, TimeSpan wait)
    {
        await Task.Delay(wait);
        // From here on, a new change schedules a new flush.
        _scheduled.TryRemove(key, out _);
        if (!_latest.TryRemove(key, out var quantity))
        {
            return;
        }
        try
        {
            await PushAsync(key.StoreId, key.ItemId, quantity);
        }
        catch (Exception e) when (e is StoreApiException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning("Inventory update of item {Item} failed, will retry: {Error}", key.ItemId, e.Message);
            await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error,
                $"Inventory update failed and will be retried: {e.Message}", key.StoreId);
            if (_latest.TryAdd(key, quantity) && _scheduled.TryAdd(key, 0))
            {
                _ = Task.Run(() => FlushAsync(key, RetryDelay));
            }
        }
    }

    private async Task PushAsync(int sourceStoreId, long sourceItemId, int quantity)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var targets = await db.VariantLinks.AsNoTracking()
            .Where(v => v.SourceInventoryItemId == sourceItemId)
            .Join(db.ProductLinks.AsNoTracking().Where(l => l.SourceStoreId == sourceStoreId), v => v.ProductLinkId, l => l.Id,
                (v, l) => new { v.DestinationInventoryItemId, v.Sku, l.DestinationStoreId, l.SourceProductId, LinkId = l.Id })
            .ToListAsync();
        foreach (var target in targets)
        {
            var destination = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == target.DestinationStoreId);
            var client = connections.ClientFor(destination);
            var locationId = destination.LocationId ?? (await client.ListLocationsAsync()).First(l => l.Active).Id;
            var level = await client.SetInventoryLevelAsync(target.DestinationInventoryItemId, locationId, quantity);
            Interlocked.Increment(ref _pushes);
            await db.ProductLinks.Where(l => l.Id == target.LinkId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastSyncedAt, DateTimeOffset.UtcNow));
            var source = await db.StoreConnections.AsNoTracking().Where(c => c.Id == sourceStoreId).Select(c => c.Name).FirstAsync();
            var title = await db.Products.AsNoTracking().Where(p => p.StoreId == sourceStoreId && p.ExternalId == target.SourceProductId)
                .Select(p => p.Title).FirstOrDefaultAsync();
            await activity.RecordAsync(ActivityKind.InventoryUpdate, ActivitySeverity.Success,
                $"SKU {target.Sku}: stock in {destination.Name} set to {level.Available}.", sourceStoreId, source, target.SourceProductId, title, target.Sku);
        }
    }
}
