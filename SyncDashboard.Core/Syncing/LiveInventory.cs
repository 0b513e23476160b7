using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Hosting;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Syncing;

/// <summary>
/// Live inventory, the fast path of stock: a hint that a Source item's stock changed (a webhook, a
/// sweep) is saved as a <see cref="PendingInventoryUpdate"/>; within the coalescing window
/// (<c>SyncDashboard:InventoryCoalesceWindow</c>) the hinted items of a store are read from the Source
/// (50 a call), their quantity taken under <see cref="StockRule"/>, and the linked Destination items
/// that differ are set through <see cref="DestinationStock"/>. Because the Source is read at that
/// moment, a late, repeated or out-of-order event can never write an older quantity; the pending row
/// goes only once a read made after its latest hint has been applied, so a crash or a failed store
/// call loses nothing (it is retried with backoff).
/// </summary>
public sealed class LiveInventory(
    IDbContextFactory<SyncDbContext> dbFactory,
    StoreConnectionService connections,
    CatalogueMirror mirror,
    DestinationStock stock,
    LinkStore links,
    ActivityLog activity,
    EngineReadiness startup,
    SyncBacklog backlog,
    IOptions<SyncDashboardOptions> options,
    TimeProvider time,
    ILogger<LiveInventory> logger) : BackgroundService
{
    private const int ItemsPerRound = 250;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);
    private readonly WakeSignal _wake = new();
    private long _pushes;

    /// <summary>Destination levels this path has set (for tests and diagnostics).</summary>
    public long Pushes => Interlocked.Read(ref _pushes);

    /// <summary>
    /// Records that these Source items' stock may have changed. Only items linked to a Destination item
    /// are kept; the record is saved before this returns, and a new hint for a waiting item coalesces with it.
    /// </summary>
    public async Task HintAsync(int sourceStoreId, IReadOnlyCollection<long> sourceInventoryItemIds, CancellationToken cancellationToken = default)
    {
        if (sourceInventoryItemIds.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var linked = new List<long>();
        foreach (var chunk in sourceInventoryItemIds.Distinct().Chunk(500))
        {
            linked.AddRange(await db.VariantLinks.AsNoTracking()
                .Where(v => chunk.Contains(v.SourceInventoryItemId) && db.ProductLinks.Any(l => l.Id == v.ProductLinkId && l.SourceStoreId == sourceStoreId))
                .Select(v => v.SourceInventoryItemId).Distinct().ToListAsync(cancellationToken));
        }
        if (linked.Count == 0)
        {
            return;
        }
        var at = DateTimeOffsetToBinary(now);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var item in linked)
            {
                // One row per item: a new hint moves RequestedAt and keeps a retry's NotBefore.
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO pending_inventory_updates (SourceStoreId, SourceInventoryItemId, RequestedAt, NotBefore, Attempts)
                    VALUES ({sourceStoreId}, {item}, {at}, {at}, 0)
                    ON CONFLICT (SourceStoreId, SourceInventoryItemId) DO UPDATE SET RequestedAt = excluded.RequestedAt
                    """, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        _wake.Set();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitBeforeStartingAsync(logger, "live inventory", stoppingToken))
        {
            return;
        }
        await GuardedLoop.RunAsync("Live inventory", LoopAsync, activity, logger, time, stoppingToken);
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        // Updates left pending by an earlier run are tried at once, whatever backoff they were waiting out.
        var now = time.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            await db.PendingInventoryUpdates.Where(p => p.NotBefore > now).ExecuteUpdateAsync(s => s.SetProperty(p => p.NotBefore, now), stoppingToken);
        }
        _wake.Set();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = await NextDueAsync(stoppingToken);
            if (next is null)
            {
                await _wake.WaitAsync(stoppingToken);
                continue;
            }
            var wait = next.Value - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await _wake.WaitAsync(wait, time, stoppingToken);
                continue;
            }
            // Gather what arrives within the window, then one read and one write per item.
            await Task.Delay(options.Value.InventoryCoalesceWindow, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested && await ProcessDueAsync(stoppingToken))
            {
            }
        }
    }

    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var first = await db.PendingInventoryUpdates.AsNoTracking().OrderBy(p => p.NotBefore).Select(p => (DateTimeOffset?)p.NotBefore).FirstOrDefaultAsync(cancellationToken);
        return first;
    }

    /// <summary>Processes one round of due items (up to <see cref="ItemsPerRound"/> of one store); false when none was due.</summary>
    private async Task<bool> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<PendingInventoryUpdate> due;
        StoreConnection? source;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var first = await db.PendingInventoryUpdates.AsNoTracking().Where(p => p.NotBefore <= now).OrderBy(p => p.NotBefore).FirstOrDefaultAsync(cancellationToken);
            if (first is null)
            {
                return false;
            }
            due = await db.PendingInventoryUpdates.AsNoTracking().Where(p => p.SourceStoreId == first.SourceStoreId && p.NotBefore <= now)
                .OrderBy(p => p.NotBefore).Take(ItemsPerRound).ToListAsync(cancellationToken);
            source = await db.StoreConnections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == first.SourceStoreId, cancellationToken);
        }
        if (source is null || source.Status == ConnectionStatus.Disconnected)
        {
            await RemoveAsync(due, DateTimeOffset.MaxValue, cancellationToken);
            return true;
        }
        var readStarted = time.GetUtcNow();
        try
        {
            await ApplyAsync(source, [.. due.Select(p => p.SourceInventoryItemId)], readStarted, cancellationToken);
            await RemoveAsync(due, readStarted, cancellationToken);
        }
        catch (StoreApiException e)
        {
            await RetryLaterAsync(source, due, e, cancellationToken);
        }
        return true;
    }

    /// <summary>Reads the Source items' quantities and sets every linked Destination item that differs.</summary>
    private async Task ApplyAsync(StoreConnection source, IReadOnlyList<long> items, DateTimeOffset readStarted, CancellationToken cancellationToken)
    {
        var levels = await connections.ClientFor(source).GetInventoryLevelsAsync(items, source.LocationId, cancellationToken);
        var byItem = levels.GroupBy(l => l.InventoryItemId).ToDictionary(g => g.Key, g => g.ToList());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only a tracked variant of an active product simply follows its quantity; the rest (untracked, or a product
        // archived, set to draft or gone, where the deletion policy decides) is left to the reconciliation's full rules.
        var plain = (await db.Variants.AsNoTracking().Where(v => v.StoreId == source.Id && items.Contains(v.InventoryItemId!.Value) && v.Tracked)
            .Join(db.Products.AsNoTracking().Where(p => p.Status == null || p.Status == "active"), v => v.ProductId, p => p.Id, (v, p) => v.InventoryItemId!.Value)
            .ToListAsync(cancellationToken)).ToHashSet();
        var available = items.Where(plain.Contains)
            .ToDictionary(i => i, i => StockRule.Available(source.LocationId, null, byItem.GetValueOrDefault(i) ?? []) ?? 0);
        var others = items.Where(i => !plain.Contains(i)).ToList();
        if (others.Count > 0)
        {
            var linkIds = await db.VariantLinks.AsNoTracking().Where(v => others.Contains(v.SourceInventoryItemId))
                .Join(db.ProductLinks.AsNoTracking().Where(l => l.SourceStoreId == source.Id), v => v.ProductLinkId, l => l.Id, (v, l) => l.Id)
                .Distinct().ToListAsync(cancellationToken);
            await links.RequestCheckAsync(linkIds, cancellationToken);
        }
        if (source.LocationId is null)
        {
            foreach (var (item, quantity) in available)
            {
                await mirror.SetQuantityAsync(source.Id, item, quantity, cancellationToken);
            }
        }
        var targets = await db.VariantLinks.AsNoTracking()
            .Where(v => items.Contains(v.SourceInventoryItemId))
            .Join(db.ProductLinks.AsNoTracking().Where(l => l.SourceStoreId == source.Id), v => v.ProductLinkId, l => l.Id,
                (v, l) => new { v.SourceInventoryItemId, v.DestinationInventoryItemId, v.DestinationAvailable, v.Sku, l.DestinationStoreId })
            .ToListAsync(cancellationToken);
        foreach (var group in targets.GroupBy(t => t.DestinationStoreId))
        {
            var destination = await db.StoreConnections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == group.Key, cancellationToken);
            if (destination is null)
            {
                continue;
            }
            var changes = group.Where(t => available.TryGetValue(t.SourceInventoryItemId, out var quantity) && t.DestinationAvailable != quantity).ToList();
            var writes = changes.Select(t => new StockWrite(t.DestinationInventoryItemId, available[t.SourceInventoryItemId], readStarted, available[t.SourceInventoryItemId])).ToList();
            var written = await stock.SetAsync(destination, writes, cancellationToken);
            Interlocked.Add(ref _pushes, written);
            if (written > 0)
            {
                var message = changes.Count == 1
                    ? $"SKU {changes[0].Sku}: stock in {destination.Name} set to {available[changes[0].SourceInventoryItemId]}."
                    : $"Stock of {changes.Count} linked variants set in {destination.Name}: " +
                      string.Join(", ", changes.Take(5).Select(c => $"SKU {c.Sku} {available[c.SourceInventoryItemId]}")) + (changes.Count > 5 ? ", ..." : "") + ".";
                await activity.RecordAsync(ActivityKind.InventoryUpdate, ActivitySeverity.Success, message, source.Id, source.Name,
                    sku: changes.Count == 1 ? changes[0].Sku : null, cancellationToken: CancellationToken.None);
            }
        }
    }

    /// <summary>Removes the rows whose latest hint came before <paramref name="readStarted"/> (a newer hint keeps its row).</summary>
    private async Task RemoveAsync(IReadOnlyList<PendingInventoryUpdate> done, DateTimeOffset readStarted, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        foreach (var group in done.GroupBy(d => d.SourceStoreId))
        {
            var items = group.Select(d => d.SourceInventoryItemId).ToList();
            backlog.Cleared(await db.PendingInventoryUpdates.Where(p => p.SourceStoreId == group.Key && items.Contains(p.SourceInventoryItemId) && p.RequestedAt <= readStarted)
                .ExecuteDeleteAsync(CancellationToken.None));
        }
    }

    private async Task RetryLaterAsync(StoreConnection source, IReadOnlyList<PendingInventoryUpdate> failed, StoreApiException error, CancellationToken cancellationToken)
    {
        var attempts = failed.Max(f => f.Attempts) + 1;
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts - 1), MaxRetryDelay.TotalSeconds));
        var notBefore = time.GetUtcNow() + delay;
        logger.LogWarning("Stock update of {Count} items of {Store} failed (attempt {Attempt}), retried in {Delay}: {Error}",
            failed.Count, source.Name, attempts, delay, error.Message);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var items = failed.Select(f => f.SourceInventoryItemId).ToList();
        var message = error.Message.Length > 500 ? error.Message[..500] : error.Message;
        await db.PendingInventoryUpdates.Where(p => p.SourceStoreId == source.Id && items.Contains(p.SourceInventoryItemId))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Attempts, attempts).SetProperty(p => p.NotBefore, notBefore).SetProperty(p => p.LastError, message),
                CancellationToken.None);
        if (attempts == 1)
        {
            await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error,
                $"Stock update of {failed.Count} linked variant{(failed.Count == 1 ? "" : "s")} from {source.Name} failed and will be retried: {error.Message}",
                source.Id, source.Name, cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>How the database stores a time (the converter SyncDbContext uses for DateTimeOffset).</summary>
    private static long DateTimeOffsetToBinary(DateTimeOffset value) =>
        (long)new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(value)!;
}
