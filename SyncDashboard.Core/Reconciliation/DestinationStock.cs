using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>A Destination level to set, and when the Source quantity it comes from was read.</summary>
/// <param name="SourceAvailable">The Source quantity it follows (recorded on the link), when known.</param>
/// <param name="DestinationAvailable">The Destination quantity the write was decided from, when read (the store then refuses the write if it changed meanwhile).</param>
public sealed record StockWrite(long InventoryItemId, int Available, DateTimeOffset ObservedAt, int? SourceAvailable = null, int? DestinationAvailable = null);

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

    /// <summary>Store calls made to set levels (a batch of up to 250 is one call on GraphQL; for tests and diagnostics).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>
    /// Sets each level at the Destination's location (its connection's, else its primary one); returns
    /// how many were written (stale ones are skipped). The writes go to the store together (up to 250
    /// a call where the store can, one by one elsewhere), each with the Destination quantity it was
    /// decided from when known: if someone else changed one meanwhile, the store refuses the call,
    /// the levels are read again and written once more (the Source decides what the Destination holds),
    /// and the change is logged. A store error is thrown (<see cref="Stores.StoreApiException"/>); nothing of the failed call is recorded.
    /// </summary>
    public async Task<int> SetAsync(StoreConnection destination, IReadOnlyList<StockWrite> writes, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0)
        {
            return 0;
        }
        var client = connections.ClientFor(destination);
        var locationId = await LocationAsync(destination, cancellationToken);
        // The latest observation per item; gates taken in item order, so two callers never wait on each other in a circle.
        var latest = writes.GroupBy(w => w.InventoryItemId).Select(g => g.MaxBy(w => w.ObservedAt)!).OrderBy(w => w.InventoryItemId).ToList();
        var gates = new List<ItemGate>(latest.Count);
        try
        {
            foreach (var write in latest)
            {
                var gate = _items.GetOrAdd((destination.Id, write.InventoryItemId), _ => new ItemGate());
                await gate.Lock.WaitAsync(cancellationToken);
                gates.Add(gate);
            }
            var due = new List<(StockWrite Write, ItemGate Gate)>();
            for (var i = 0; i < latest.Count; i++)
            {
                if (gates[i].LastObserved is { } last && latest[i].ObservedAt < last)
                {
                    logger.LogDebug("Skipped a stale level for item {Item}: observed {Observed}, newer one written at {Last}",
                        latest[i].InventoryItemId, latest[i].ObservedAt, last);
                    continue;
                }
                due.Add((latest[i], gates[i]));
            }
            if (due.Count == 0)
            {
                return 0;
            }
            foreach (var (write, _) in due)
            {
                _written[(destination.Id, write.InventoryItemId)] = write.Available;
            }
            var levels = await WriteAsync(destination, client, locationId, due.Select(d => d.Write).ToList(), cancellationToken);
            Interlocked.Add(ref _writes, (due.Count + client.InventoryWritesPerCall - 1) / client.InventoryWritesPerCall);
            foreach (var (write, gate) in due)
            {
                gate.LastObserved = write.ObservedAt;
                var stored = levels.GetValueOrDefault(write.InventoryItemId) ?? write.Available;
                await links.RecordDestinationStockAsync(destination.Id, write.InventoryItemId, stored, write.SourceAvailable, written: true, CancellationToken.None);
                await mirror.SetQuantityAsync(destination.Id, write.InventoryItemId, stored, CancellationToken.None);
            }
            return due.Count;
        }
        finally
        {
            foreach (var gate in gates)
            {
                gate.Lock.Release();
            }
        }
    }

    /// <summary>
    /// One write of many levels: with the expected Destination quantities, and after a conflict
    /// (someone else changed some meanwhile) once more with the quantities read again.
    /// </summary>
    private async Task<Dictionary<long, int?>> WriteAsync(StoreConnection destination, Stores.IStoreClient client, long locationId,
        IReadOnlyList<StockWrite> writes, CancellationToken cancellationToken)
    {
        var changes = writes.Select(w => new StoreInventoryLevelChange(w.InventoryItemId, locationId, w.Available, w.DestinationAvailable)).ToList();
        IReadOnlyList<StoreInventoryLevel> levels;
        try
        {
            levels = await client.SetInventoryLevelsAsync(changes, cancellationToken);
        }
        catch (StoreInventoryConflictException conflict)
        {
            var current = (await client.GetInventoryLevelsAsync([.. writes.Select(w => w.InventoryItemId)], locationId, cancellationToken))
                .ToDictionary(l => l.InventoryItemId, l => l.Available);
            foreach (var item in conflict.StaleInventoryItemIds)
            {
                logger.LogInformation("Destination {Store}: the stock of item {Item} was changed by someone else (now {Now}); it is set to the Source's quantity",
                    destination.Name, item, current.GetValueOrDefault(item));
            }
            changes = [.. changes.Select(c => c with { Expected = current.GetValueOrDefault(c.InventoryItemId) ?? 0 })];
            levels = await client.SetInventoryLevelsAsync(changes, cancellationToken);
        }
        return levels.ToDictionary(l => l.InventoryItemId, l => l.Available);
    }

    /// <summary>Notes levels SyncDashboard set by other means (a product created with its stock), so that their echoes are known as its own.</summary>
    public void NoteOwnWrites(int destinationStoreId, IEnumerable<(long InventoryItemId, int Available)> levels)
    {
        foreach (var (item, available) in levels)
        {
            _written[(destinationStoreId, item)] = available;
        }
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
