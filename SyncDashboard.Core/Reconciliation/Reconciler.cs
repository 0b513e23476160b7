
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>
/// The reconciliation: for each link (synced or mapped) it reads both sides from the stores, computes
/// the Destination state the link should have (<see cref="DesiredState"/>), compares it with what
/// the Destination has (<see cref="RepairPlan"/>) and repairs the difference, writing only what
/// differs. Reads are batched (up to 250 products a call per side, levels 50 items a call, and none
/// when a product read already gives the quantity; a run over most of a store's catalogue reads it
/// whole, once); the stock writes of a batch go to the Destination together (up to 250 a call on GraphQL). Correctness does not depend on events: they only
/// make it come sooner. Two runs never work on one link at once.
/// </summary>
public sealed partial class Reconciler(
    IDbContextFactory<SyncDbContext> dbFactory,
    StoreConnectionService connections,
    CatalogueMirror mirror,
    LinkStore links,
    DestinationStock stock,
    ActivityLog activity,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<ReconciliationOptions> options,
    ILogger<Reconciler> logger)
{
    /// <summary>The most links read together: one full page of products by id.</summary>
    public const int MaxBatchSize = 250;

    // One run at a time per link (taken in id order, so runs never deadlock): two runs never repair one
    // link at once, and each reads the stores only once it holds its links.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, SemaphoreSlim> _linkGates = new();

    /// <summary>Reconciles the links (by id) and returns what it did. A store failure fails only the links it touches.</summary>
    public async Task<ReconciliationReport> ReconcileAsync(IReadOnlyCollection<long> linkIds, ReconcileRun? run = null,
        CancellationToken cancellationToken = default)
    {
        run ??= new ReconcileRun();
        var report = new ReconciliationReport(run.Outcome);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ids = linkIds.Distinct().ToList();
        var done = 0;
        run.Progress?.Report((0, ids.Count));
        void LinkDone() => run.Progress?.Report((++done, ids.Count));
        try
        {
            var catalogues = run.BeforeCall is null ? await ReadWholeCataloguesAsync(ids, report, cancellationToken) : [];
            foreach (var batch in ids.Chunk(Math.Clamp(run.BatchSize, 1, MaxBatchSize)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var held = new List<SemaphoreSlim>(batch.Length);
                try
                {
                    foreach (var id in batch.Order())
                    {
                        var gate = _linkGates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
                        await gate.WaitAsync(cancellationToken);
                        held.Add(gate);
                    }
                    var before = done;
                    await ReconcileBatchAsync(batch, run, catalogues, report, LinkDone, cancellationToken);
                    done = before + batch.Length; // links of stores no longer connected count as done too
                }
                finally
                {
                    foreach (var gate in held)
                    {
                        gate.Release();
                    }
                }
                run.Progress?.Report((done, ids.Count));
            }
        }
        catch (OperationCanceledException) when (run.LogSummary)
        {
            await LogSummaryAsync(run, report); // what was repaired before the cancel is told too
            throw;
        }
        finally
        {
            // New links this run did not bring in step (cancelled, or a store failed) go to the reconciliation
            // at once rather than waiting for the periodic pass.
            await links.RequestCheckOfUnverifiedAsync(ids, CancellationToken.None);
        }
        report.Elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (run.LogSummary)
        {
            await LogSummaryAsync(run, report);
        }
        return report;
    }

    private async Task ReconcileBatchAsync(IReadOnlyCollection<long> linkIds, ReconcileRun run, IReadOnlyDictionary<int, CatalogueRead> catalogues,
        ReconciliationReport report, Action linkDone, CancellationToken cancellationToken)
    {
        var checkedSince = time.GetUtcNow();
        List<ProductLink> batch;
        Dictionary<int, StoreConnection> stores;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            batch = await db.ProductLinks.AsNoTracking().Include(l => l.Variants).Where(l => linkIds.Contains(l.Id)).ToListAsync(cancellationToken);
            var storeIds = batch.SelectMany(l => new[] { l.SourceStoreId, l.DestinationStoreId }).Distinct().ToList();
            stores = await db.StoreConnections.AsNoTracking().Where(c => storeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        }
        foreach (var group in batch.GroupBy(l => (l.SourceStoreId, l.DestinationStoreId)))
        {
            var source = stores.GetValueOrDefault(group.Key.SourceStoreId);
            var destination = stores.GetValueOrDefault(group.Key.DestinationStoreId);
            var pairs = group.ToList();
            if (source is null || destination is null || source.Status == ConnectionStatus.Disconnected || destination.Status == ConnectionStatus.Disconnected)
            {
                continue; // the links of a store being disconnected end with it
            }
            SourceRead sourceRead;
            DestinationRead destinationRead;
            // Both sides at once: each store has its own rate limit, so neither waits for the other's.
            var readingSource = ReadSourceAsync(source, pairs, run, catalogues.GetValueOrDefault(source.Id), report, cancellationToken);
            var readingDestination = ReadDestinationAsync(destination, pairs, run, catalogues.GetValueOrDefault(destination.Id), report, cancellationToken);
            try
            {
                await Task.WhenAll(readingSource, readingDestination);
                (sourceRead, destinationRead) = (readingSource.Result, readingDestination.Result);
            }
            catch (StoreApiException e)
            {
                await FailAsync(pairs, $"{FailurePrefix}could not read {e.StoreName}: {e.Message} It is tried again.", report, cancellationToken);
                continue;
            }
            // Stock is written a call's worth at a time (250 levels on GraphQL, one on REST): links finish as
            // soon as their call is made, so progress and Cancel keep the store's pace.
            var perCall = connections.ClientFor(destination).InventoryWritesPerCall;
            var pending = new List<(ProductLink Link, LinkStep Step)>();
            foreach (var link in pairs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var step = await ReconcileLinkAsync(link, source, destination, sourceRead, destinationRead, checkedSince, run, report, cancellationToken);
                    if (step.Writes.Count > 0)
                    {
                        pending.Add((link, step));
                        if (pending.Sum(p => p.Step.Writes.Count) >= perCall)
                        {
                            await WriteStockAsync(destination, pending, run, checkedSince, report, linkDone, cancellationToken);
                            pending.Clear();
                        }
                        continue; // finished once its stock is written
                    }
                    report.Add(await step.Finish());
                }
                catch (StoreApiException e)
                {
                    await FailOrRefuseAsync(link, e, checkedSince, report, cancellationToken);
                }
                linkDone();
            }
            await WriteStockAsync(destination, pending, run, checkedSince, report, linkDone, cancellationToken);
        }
    }

    /// <summary>
    /// Writes the stock of some of a batch's links together (as few calls as the store takes), then records
    /// each link's outcome. If the store refuses the writes, they are made link by link, so that the
    /// refusal names its product and the other links are not held back by it.
    /// </summary>
    private async Task WriteStockAsync(StoreConnection destination, IReadOnlyList<(ProductLink Link, LinkStep Step)> pending, ReconcileRun run,
        DateTimeOffset checkedSince, ReconciliationReport report, Action linkDone, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }
        var writes = pending.SelectMany(p => p.Step.Writes).ToList();
        try
        {
            var perCall = connections.ClientFor(destination).InventoryWritesPerCall;
            for (var call = 0; call < (writes.Count + perCall - 1) / perCall; call++)
            {
                await BeforeCallAsync(run, destination, cancellationToken); // within the run's share of the store's limit
            }
            report.CountWrite(await stock.SetAsync(destination, writes, cancellationToken));
        }
        catch (StoreApiException e) when (!e.IsTransient && pending.Count > 1)
        {
            logger.LogWarning("{Store} refused the stock of {Links} links written together ({Error}); they are written one by one", destination.Name, pending.Count, e.Message);
            foreach (var one in pending)
            {
                await WriteStockAsync(destination, [one], run, checkedSince, report, linkDone, cancellationToken);
            }
            return;
        }
        catch (StoreApiException e)
        {
            foreach (var (link, _) in pending)
            {
                await FailOrRefuseAsync(link, e, checkedSince, report, cancellationToken);
                linkDone();
            }
            return;
        }
        foreach (var (_, step) in pending)
        {
            report.Add(await step.Finish());
            linkDone();
        }
    }

    /// <summary>
    /// A store error while checking or repairing a link: a transient one marks it to try again; a refusal
    /// of the repair itself makes it out of step (the merchant must look), told once in the Activity Log.
    /// </summary>
    private async Task FailOrRefuseAsync(ProductLink link, StoreApiException e, DateTimeOffset checkedSince, ReconciliationReport report,
        CancellationToken cancellationToken)
    {
        if (e.IsTransient)
        {
            logger.LogWarning("Repair of link {Link} failed: {Error}", link.Id, e.Message);
            await FailAsync([link], $"{FailurePrefix}{e.Message} It is tried again.", report, cancellationToken);
            return;
        }
        // The store refuses the repair itself: the merchant must look; it is checked again at the next periodic pass.
        logger.LogWarning("The store refused the repair of link {Link}: {Error}", link.Id, e.Message);
        var reason = $"{e.StoreName} refused the repair: {e.Message}";
        await links.RecordVerificationAsync(new LinkVerification(link.Id, LinkState.OutOfStep, reason, false, link.PausedFromStatus, null,
            new Dictionary<long, (int?, int?)>()), checkedSince, CancellationToken.None);
        var title = (await TitlesAsync([link], cancellationToken)).GetValueOrDefault(link.Id, $"product {link.SourceProductId}");
        if (link.State != LinkState.OutOfStep || link.StateReason != reason)
        {
            await activity.RecordAsync(ActivityKind.OutOfStep, ActivitySeverity.Error, $"\"{title}\" could not be brought in step: {reason}",
                link.SourceStoreId, productId: link.SourceProductId, productTitle: title, cancellationToken: CancellationToken.None);
        }
        report.Add(new LinkOutcome(link.Id, link.SourceProductId, title, LinkOutcomeKind.OutOfStep, [], reason));
    }

    /// <summary>How the reason of a link whose check or repair failed (and is retried) begins.</summary>
    public const string FailurePrefix = "Not checked: ";

    private async Task FailAsync(IReadOnlyList<ProductLink> failed, string reason, ReconciliationReport report, CancellationToken cancellationToken)
    {
        await links.MarkRepairingAsync([.. failed.Select(l => l.Id)], reason, CancellationToken.None);
        var titles = await TitlesAsync(failed, cancellationToken);
        foreach (var link in failed)
        {
            // A link that was failing already is not reported again at every retry (the bell stays useful).
            var already = link.StateReason?.StartsWith(FailurePrefix, StringComparison.Ordinal) == true;
            report.Add(new LinkOutcome(link.Id, link.SourceProductId, titles.GetValueOrDefault(link.Id, $"product {link.SourceProductId}"),
                already ? LinkOutcomeKind.StillFailing : LinkOutcomeKind.Failed, [], reason));
        }
    }

    /// <summary>The Source products' titles as mirrored (for messages about links whose products could not be read).</summary>
    private async Task<Dictionary<long, string>> TitlesAsync(IReadOnlyList<ProductLink> batch, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = new Dictionary<long, string>();
        foreach (var link in batch)
        {
            var title = await db.Products.AsNoTracking()
                .Where(p => (p.StoreId == link.SourceStoreId && p.ExternalId == link.SourceProductId) || (p.StoreId == link.DestinationStoreId && p.ExternalId == link.DestinationProductId))
                .OrderBy(p => p.StoreId == link.SourceStoreId ? 0 : 1).Select(p => p.Title).FirstOrDefaultAsync(cancellationToken);
            if (title is not null)
            {
                result[link.Id] = title;
            }
        }
        return result;
    }
}
