using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>A Destination level to set, and when the Source quantity it comes from was read.</summary>
/// <param name="SourceAvailable">The Source quantity it follows (recorded on the link), when known.</param>
public sealed record StockWrite(long InventoryItemId, int Available, DateTimeOffset ObservedAt, int? SourceAvailable = null);

/// <summary>
/// The one component that sets Destination stock (live updates, the reconciliation, Sync, Map,
/// Resync and the deletion policy all come here). Writes of one inventory item are made one at a
/// time and in the order of their observation: a value read from the Source before the last one
/// written for that item is dropped, so the latest value wins even when a retry or a slower path
/// arrives late. Each write is recorded on the link and in the Destination's mirror.
/// </summary>
public sealed class DestinationStock(
    StoreConnectionService connections,
    CatalogueMirror mirror,
    LinkStore links,
    ILogger<DestinationStock> logger)
{
    private readonly ConcurrentDictionary<(int Store, long Item), ItemGate> _items = new();
    private readonly ConcurrentDictionary<int, long> _locations = new();

    // What SyncDashboard is writing or last wrote per item, so that the Destination's webhook echoing
    // that write is not taken for someone else's change (it may arrive before the write is recorded).
    private readonly ConcurrentDictionary<(int Store, long Item), int> _written = new();
    private long _writes;

    /// <summary>Store calls made to set levels (for tests and diagnostics).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>
    /// Sets each level at the Destination's location (its connection's, else its primary one); returns
    /// how many were written (stale ones are skipped). A store error stops at the failing item and
    /// is thrown (<see cref="Stores.StoreApiException"/>); what was written before it stays recorded.
    /// </summary>
    public async Task<int> SetAsync(StoreConnection destination, IReadOnlyList<StockWrite> writes, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0)
        {
            return 0;
        }
        var client = connections.ClientFor(destination);
        var locationId = await LocationAsync(destination, cancellationToken);
        var written = 0;
        foreach (var write in writes)
        {
            var gate = _items.GetOrAdd((destination.Id, write.InventoryItemId), _ => new ItemGate());
            await gate.Lock.WaitAsync(cancellationToken);
            try
            {
                if (gate.LastObserved is { } last && write.ObservedAt < last)
                {
                    logger.LogDebug("Skipped a stale level for item {Item}: observed {Observed}, newer one written at {Last}", write.InventoryItemId, write.ObservedAt, last);
                    continue;
                }
                _written[(destination.Id, write.InventoryItemId)] = write.Available;
                var level = await client.SetInventoryLevelAsync(write.InventoryItemId, locationId, write.Available, cancellationToken);
                Interlocked.Increment(ref _writes);
                gate.LastObserved = write.ObservedAt;
                written++;
                await links.RecordDestinationStockAsync(destination.Id, write.InventoryItemId, level.Available ?? write.Available, write.SourceAvailable,
                    written: true, CancellationToken.None);
                await mirror.SetQuantityAsync(destination.Id, write.InventoryItemId, level.Available ?? write.Available, CancellationToken.None);
            }
            finally
            {
                gate.Lock.Release();
            }
        }
        return written;
    }

    /// <summary>Whether <paramref name="available"/> is the level SyncDashboard is writing, or last wrote, for that item (its own echo).</summary>
    public bool IsOwnWrite(int destinationStoreId, long inventoryItemId, int? available) =>
        available is { } value && _written.TryGetValue((destinationStoreId, inventoryItemId), out var written) && written == value;

    /// <summary>The Destination location linked stock is written at.</summary>
    public async Task<long> LocationAsync(StoreConnection destination, CancellationToken cancellationToken = default)
    {
        if (destination.LocationId is { } chosen)
        {
            return chosen;
        }
        if (_locations.TryGetValue(destination.Id, out var cached))
        {
            return cached;
        }
        var client = connections.ClientFor(destination);
        var shop = await client.GetShopAsync(cancellationToken);
        var location = shop.PrimaryLocationId ?? (await client.ListLocationsAsync(cancellationToken)).First(l => l.Active).Id;
        return _locations[destination.Id] = location;
    }

    private sealed class ItemGate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);
        public DateTimeOffset? LastObserved { get; set; }
    }
}
