using System.Collections.Concurrent;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Reconciliation;

// Reading both sides of a batch of links, in as few store calls as the stores allow.
public sealed partial class Reconciler
{
    /// <summary>How long a Destination's number of locations is trusted before it is read again.</summary>
    private static readonly TimeSpan LocationsTtl = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<int, (int Count, DateTimeOffset ReadAt)> _locationCounts = new();

    /// <summary>The Source products of a batch (absent: gone), each item's quantity under <see cref="StockRule"/>, and when the read began.</summary>
    private sealed record SourceRead(IReadOnlyDictionary<long, StoreProduct> Products, IReadOnlyDictionary<long, int> Available, DateTimeOffset ObservedAt);

    /// <summary>The Destination products of a batch (absent: gone) and each linked item's level at the Destination's location.</summary>
    private sealed record DestinationRead(IReadOnlyDictionary<long, StoreProduct> Products, IReadOnlyDictionary<long, int> Levels);

    /// <param name="catalogue">The Source's catalogue as the run read it whole, if it did: its products are taken from there.</param>
    private async Task<SourceRead> ReadSourceAsync(StoreConnection source, IReadOnlyList<ProductLink> batch, ReconcileRun run, CatalogueRead? catalogue,
        ReconciliationReport report, CancellationToken cancellationToken)
    {
        var client = connections.ClientFor(source);
        var observedAt = catalogue?.ObservedAt ?? time.GetUtcNow();
        var products = await CatalogueRead.TakeAsync(catalogue, [.. batch.Select(l => l.SourceProductId)],
            ids => ReadProductsAsync(source, client, ids, run, report, cancellationToken));
        var available = new Dictionary<long, int>();
        var tracked = products.Values.SelectMany(p => p.Variants).Where(v => v.InventoryTracked && v.InventoryItemId is not null).ToList();
        if (StockRule.NeedsLevels(source.LocationId))
        {
            var items = tracked.Select(v => v.InventoryItemId!.Value).ToList();
            var levels = await ReadLevelsAsync(source, client, items, source.LocationId, run, report, cancellationToken);
            foreach (var item in items)
            {
                available[item] = StockRule.Available(source.LocationId, null, levels.GetValueOrDefault(item) ?? []) ?? 0;
            }
        }
        else
        {
            foreach (var variant in tracked)
            {
                available[variant.InventoryItemId!.Value] = StockRule.Available(null, variant.InventoryQuantity ?? 0, null) ?? 0;
            }
        }

        // The read is the freshest truth there is: the mirror takes it (a product gone leaves the mirror too).
        await mirror.UpsertAsync(source.Id, [.. products.Values], cancellationToken);
        foreach (var gone in batch.Select(l => l.SourceProductId).Where(id => !products.ContainsKey(id)).Distinct())
        {
            await mirror.RemoveAsync(source.Id, gone, cancellationToken);
        }
        return new SourceRead(products, available, observedAt);
    }

    /// <param name="catalogue">The Destination's catalogue as the run read it whole, if it did (its stock writes still expect what it read).</param>
    private async Task<DestinationRead> ReadDestinationAsync(StoreConnection destination, IReadOnlyList<ProductLink> batch, ReconcileRun run,
        CatalogueRead? catalogue, ReconciliationReport report, CancellationToken cancellationToken)
    {
        var client = connections.ClientFor(destination);
        var known = run.KnownDestinationProducts ?? new Dictionary<long, StoreProduct>();
        var products = await CatalogueRead.TakeAsync(catalogue, [.. batch.Select(l => l.DestinationProductId).Where(id => !known.ContainsKey(id))],
            ids => ReadProductsAsync(destination, client, ids, run, report, cancellationToken));
        foreach (var id in batch.Select(l => l.DestinationProductId).Where(known.ContainsKey))
        {
            products[id] = known[id];
        }
        var levels = new Dictionary<long, int>();
        var linkedItems = batch.SelectMany(l => l.Variants).Select(v => v.DestinationInventoryItemId).ToHashSet();
        if (await LocationCountAsync(destination, client, run, report, cancellationToken) == 1)
        {
            // One location: a variant's inventory_quantity is its level there; no levels call is needed.
            foreach (var variant in products.Values.SelectMany(p => p.Variants))
            {
                if (variant.InventoryItemId is { } item && linkedItems.Contains(item) && variant.InventoryQuantity is { } quantity)
                {
                    levels[item] = quantity;
                }
            }
        }
        else
        {
            var locationId = await stock.LocationAsync(destination, cancellationToken);
            var read = await ReadLevelsAsync(destination, client, [.. linkedItems], locationId, run, report, cancellationToken);
            foreach (var (item, itemLevels) in read)
            {
                if (itemLevels.FirstOrDefault(l => l.LocationId == locationId)?.Available is { } quantity)
                {
                    levels[item] = quantity;
                }
            }
        }
        await mirror.UpsertAsync(destination.Id, [.. products.Values], cancellationToken);
        return new DestinationRead(products, levels);
    }

    private async Task<Dictionary<long, StoreProduct>> ReadProductsAsync(StoreConnection store, IStoreClient client, IReadOnlyList<long> ids,
        ReconcileRun run, ReconciliationReport report, CancellationToken cancellationToken)
    {
        var products = new Dictionary<long, StoreProduct>();
        foreach (var chunk in ids.Distinct().Chunk(MaxBatchSize))
        {
            await BeforeCallAsync(run, store, cancellationToken);
            report.CountRead();
            await foreach (var product in client.ListProductsAsync(new ProductFilter { Ids = chunk }, cancellationToken))
            {
                products[product.Id] = product;
            }
        }
        return products;
    }

    /// <summary>The items' levels (at one location, or at all when <paramref name="locationId"/> is null), 50 items a call.</summary>
    private async Task<Dictionary<long, List<StoreInventoryLevel>>> ReadLevelsAsync(StoreConnection store, IStoreClient client, IReadOnlyList<long> items,
        long? locationId, ReconcileRun run, ReconciliationReport report, CancellationToken cancellationToken)
    {
        var levels = new Dictionary<long, List<StoreInventoryLevel>>();
        foreach (var chunk in items.Distinct().Chunk(50))
        {
            await BeforeCallAsync(run, store, cancellationToken);
            report.CountRead();
            foreach (var level in await client.GetInventoryLevelsAsync(chunk, locationId, cancellationToken))
            {
                (levels.TryGetValue(level.InventoryItemId, out var list) ? list : levels[level.InventoryItemId] = []).Add(level);
            }
        }
        return levels;
    }

    private async Task<int> LocationCountAsync(StoreConnection store, IStoreClient client, ReconcileRun run, ReconciliationReport report,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_locationCounts.TryGetValue(store.Id, out var cached) && now - cached.ReadAt < LocationsTtl)
        {
            return cached.Count;
        }
        await BeforeCallAsync(run, store, cancellationToken);
        report.CountRead();
        var count = (await client.ListLocationsAsync(cancellationToken)).Count;
        _locationCounts[store.Id] = (count, now);
        return count;
    }

    private static ValueTask BeforeCallAsync(ReconcileRun run, StoreConnection store, CancellationToken cancellationToken) =>
        run.BeforeCall?.Invoke(store, cancellationToken) ?? ValueTask.CompletedTask;
}
