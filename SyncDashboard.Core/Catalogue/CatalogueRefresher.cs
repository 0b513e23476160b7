using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Catalogue;

/// <summary>
/// Fills a store's mirror by paging through its catalogue (full read), and keeps it fresh with
/// reconciliation sweeps (<c>updated_at_min</c> since the last one began), because webhooks can be
/// late, duplicated or lost. A sweep that finds the store's product count differing from the
/// mirror's (a deletion whose webhook was lost) does a full read instead.
/// </summary>
public sealed class CatalogueRefresher(
    IDbContextFactory<SyncDbContext> dbFactory,
    StoreConnectionService connections,
    CatalogueMirror mirror,
    SkuHealth skuHealth,
    ActivityLog activity,
    TimeProvider time,
    ILogger<CatalogueRefresher> logger)
{
    private const int BatchSize = 250;

    /// <summary>
    /// Raised after a read or sweep changed a store's mirror: the store and what changed (the sync engine
    /// turns it into link states, stock hints and reconciliation requests).
    /// </summary>
    public event Func<StoreConnection, MirrorChanges, CancellationToken, Task>? Refreshed;

    public async Task<int> FullReadAsync(StoreConnection connection, CancellationToken cancellationToken = default)
    {
        var startedAt = time.GetUtcNow();
        var client = connections.ClientFor(connection);
        var seen = new HashSet<long>();
        var changes = new MirrorChanges();
        var batch = new List<StoreProduct>(BatchSize);
        await foreach (var product in client.ListProductsAsync(new ProductFilter { PageSize = BatchSize }, cancellationToken))
        {
            seen.Add(product.Id);
            batch.Add(product);
            if (batch.Count == BatchSize)
            {
                changes.Add(await mirror.UpsertAsync(connection.Id, batch, cancellationToken));
                batch.Clear();
            }
        }
        changes.Add(await mirror.UpsertAsync(connection.Id, batch, cancellationToken));
        var removed = await mirror.RemoveAllExceptAsync(connection.Id, seen, cancellationToken);
        changes.RemovedProducts.AddRange(removed);
        await FinishAsync(connection, startedAt, changes, cancellationToken);
        logger.LogInformation("Read {Count} products of {Store} ({Removed} gone)", seen.Count, connection.Name, removed.Count);
        return seen.Count;
    }

    /// <summary>Reads what changed since the last read or sweep began; returns the number of products read.</summary>
    public async Task<int> SweepAsync(StoreConnection connection, CancellationToken cancellationToken = default)
    {
        if (connection.LastSweepStartedAt is null)
        {
            return await FullReadAsync(connection, cancellationToken);
        }
        var client = connections.ClientFor(connection);
        var storeCount = await client.CountProductsAsync(cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Products.LongCountAsync(p => p.StoreId == connection.Id, cancellationToken) != storeCount)
            {
                return await FullReadAsync(connection, cancellationToken);
            }
        }
        var startedAt = time.GetUtcNow();
        // Store clocks count in whole seconds: start a little before the last sweep began.
        var since = connection.LastSweepStartedAt.Value.AddSeconds(-5);
        var products = new List<StoreProduct>();
        await foreach (var product in client.ListProductsAsync(new ProductFilter { UpdatedAtMin = since, PageSize = BatchSize }, cancellationToken))
        {
            products.Add(product);
        }
        var changes = await mirror.UpsertAsync(connection.Id, products, cancellationToken);
        await FinishAsync(connection, startedAt, changes, cancellationToken);
        return products.Count;
    }

    private async Task FinishAsync(StoreConnection connection, DateTimeOffset startedAt, MirrorChanges changes, CancellationToken cancellationToken)
    {
        await skuHealth.RecomputeAsync(connection.Id, cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.StoreConnections.Where(c => c.Id == connection.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.LastSweepStartedAt, startedAt)
                .SetProperty(c => c.Status, ConnectionStatus.Connected)
                .SetProperty(c => c.LastError, (string?)null), cancellationToken);
        }
        connection.LastSweepStartedAt = startedAt;
        if (Refreshed is { } handlers && !changes.IsEmpty)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<StoreConnection, MirrorChanges, CancellationToken, Task>>())
            {
                await handler(connection, changes, cancellationToken);
            }
        }
    }

    /// <summary>Records that a store could not be read (it stays as it was mirrored).</summary>
    public async Task MarkUnreachableAsync(StoreConnection connection, Exception error, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.StoreConnections.Where(c => c.Id == connection.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ConnectionStatus.Unreachable)
                .SetProperty(c => c.LastError, error.Message), cancellationToken);
        }
        await activity.RecordAsync(ActivityKind.Connection, ActivitySeverity.Error,
            $"Could not read {connection.Name}: {error.Message}", connection.Id, connection.Name, cancellationToken: cancellationToken);
    }
}
