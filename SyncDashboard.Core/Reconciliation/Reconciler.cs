
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
/// when a product read already gives the quantity). Correctness does not depend on events: they only
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
                    await ReconcileBatchAsync(batch, run, report, LinkDone, cancellationToken);
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

    private async Task ReconcileBatchAsync(IReadOnlyCollection<long> linkIds, ReconcileRun run, ReconciliationReport report, Action linkDone,
        CancellationToken cancellationToken)
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
            try
            {
                sourceRead = await ReadSourceAsync(source, pairs, run, report, cancellationToken);
                destinationRead = await ReadDestinationAsync(destination, pairs, run, report, cancellationToken);
            }
            catch (StoreApiException e)
            {
                await FailAsync(pairs, $"{FailurePrefix}could not read {e.StoreName}: {e.Message} It is tried again.", report, cancellationToken);
                continue;
            }
            foreach (var link in pairs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    report.Add(await ReconcileLinkAsync(link, source, destination, sourceRead, destinationRead, checkedSince, run, report, cancellationToken));
                }
                catch (StoreApiException e) when (e.IsTransient)
                {
                    logger.LogWarning("Repair of link {Link} failed: {Error}", link.Id, e.Message);
                    await FailAsync([link], $"{FailurePrefix}{e.Message} It is tried again.", report, cancellationToken);
                }
                catch (StoreApiException e)
                {
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
                linkDone();
            }
        }
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
