using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Jobs;

/// <summary>
/// Does the work of job items, by job kind. A failure of an item (a store error, a refused product)
/// is an outcome; anything thrown is unexpected and fails the job. Resync items are done in batches
/// (<see cref="BatchSize"/>), so that the reconciliation reads their products together.
/// </summary>
public sealed class JobItemExecutor(
    IDbContextFactory<SyncDbContext> dbFactory,
    ProductSyncService sync,
    BulkMapper mapper,
    Reconciler reconciler,
    JobService jobs,
    StoreDisconnector disconnector,
    TimeProvider time)
{
    /// <summary>Resync items reconciled together (one products read per side for the batch).</summary>
    public const int ResyncBatchSize = 50;

    /// <summary>How many items of a job of this kind are done together.</summary>
    public static int BatchSize(JobKind kind) => kind == JobKind.Resync ? ResyncBatchSize : 1;

    /// <summary>
    /// Runs one item of the job; store failures and refusals come back as a failed outcome (transient when
    /// a store error may pass). When <paramref name="willRetry"/>, a transient failure is not recorded in
    /// the Activity Log: the runner tries again, and records the last failure only.
    /// </summary>
    public async Task<JobItemOutcome> ExecuteAsync(Job job, JobItem item, JobParameters parameters, Action<string, double?> detail,
        CancellationToken cancellationToken, bool willRetry = false) => job.Kind switch
        {
            JobKind.BulkSync => From(await sync.SyncAsync(item.SubjectId, cancellationToken, recordTransientFailure: !willRetry)),
            JobKind.BulkUnsync => From(await sync.UnsyncOneAsync(item.SubjectId, parameters.UnsyncMode ?? UnsyncMode.Keep, cancellationToken,
                recordTransientFailure: !willRetry)),
            JobKind.BulkMap => await MapAsync(job, parameters.DryRun ?? false, detail, cancellationToken),
            JobKind.Resync => (await ResyncAsync([item], detail, cancellationToken))[item.Id],
            JobKind.Disconnect => await DisconnectAsync((int)item.SubjectId, parameters.DeleteCopies ?? false, detail, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown job kind {job.Kind}."),
        };

    /// <summary>
    /// Runs several items of the job together (Resync); the outcome of each, by item id. <paramref name="itemDone"/>
    /// hears each outcome as soon as it is known (to save it then: a stop mid-batch does not repeat it).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, JobItemOutcome>> ExecuteBatchAsync(Job job, IReadOnlyList<JobItem> items, JobParameters parameters,
        Action<string, double?> detail, CancellationToken cancellationToken, Func<long, JobItemOutcome, Task>? itemDone = null)
    {
        if (job.Kind == JobKind.Resync)
        {
            return await ResyncAsync(items, detail, cancellationToken, itemDone);
        }
        var outcomes = new Dictionary<long, JobItemOutcome>();
        foreach (var item in items)
        {
            outcomes[item.Id] = await ExecuteAsync(job, item, parameters, detail, cancellationToken);
        }
        return outcomes;
    }

    /// <summary>Disconnects the store, telling how many copies are deleted so far; a store already gone (a resumed job that had finished its work) is done.</summary>
    private async Task<JobItemOutcome> DisconnectAsync(int storeId, bool deleteCopies, Action<string, double?> detail, CancellationToken cancellationToken)
    {
        var progress = new InlineProgress<(int Done, int Total)>(p =>
            detail($"Deleted {p.Done:N0} of {p.Total:N0} Destination copies.", p.Total == 0 ? 100 : 100.0 * p.Done / p.Total));
        try
        {
            return new JobItemOutcome(true, await disconnector.DisconnectAsync(storeId, deleteCopies, progress, cancellationToken));
        }
        catch (KeyNotFoundException)
        {
            return new JobItemOutcome(true, "The store was disconnected already.");
        }
        catch (Stores.StoreApiException e)
        {
            return new JobItemOutcome(false, $"The disconnection stopped: {e.Message} Start it again to finish it (what was done stays done).",
                Transient: e.IsTransient);
        }
    }

    /// <summary>
    /// Runs the Bulk Mapper; after a real run, brings every new link in step at once (stock to the
    /// Source's), with its progress as the item's detail.
    /// </summary>
    private async Task<JobItemOutcome> MapAsync(Job job, bool dryRun, Action<string, double?> detail, CancellationToken cancellationToken)
    {
        var throttle = new DetailThrottle(time);
        var progress = new InlineProgress<(int Done, int Total)>(p =>
        {
            if (throttle.ShouldReport(p.Done == p.Total))
            {
                detail($"Compared {p.Done:N0} of {p.Total:N0} Destination products.", p.Total == 0 ? 100 : (dryRun ? 100.0 : 20.0) * p.Done / p.Total);
            }
        });
        var report = await mapper.RunAsync(dryRun, progress, cancellationToken, runStartedAt: job.StartedAt);
        await jobs.SaveReportAsync(job.Id, report, CancellationToken.None); // a cancellation after the comparison still keeps its report
        var summary = Summary(report);
        if (dryRun || report.CreatedLinkIds.Count == 0)
        {
            return new JobItemOutcome(true, summary);
        }
        var stepping = new InlineProgress<(int Done, int Total)>(p =>
        {
            if (throttle.ShouldReport(p.Done == p.Total))
            {
                detail($"Bringing the mapped products in step: {p.Done:N0} of {p.Total:N0}.", 20 + 80.0 * p.Done / Math.Max(1, p.Total));
            }
        });
        var stepped = await reconciler.ReconcileAsync(report.CreatedLinkIds,
            new ReconcileRun { Trigger = "Bulk Mapper", Progress = stepping }, cancellationToken);
        var repaired = stepped.Count(LinkOutcomeKind.Repaired);
        var failed = stepped.FailedCount;
        return new JobItemOutcome(true, $"{summary} Stock brought in step: {repaired:N0} repaired, {stepped.Count(LinkOutcomeKind.InStep):N0} already equal" +
            (failed > 0 ? $", {failed:N0} to retry (the reconciliation does)." : "."));
    }

    /// <summary>The report's counts in words, for example "Dry run: 12 would be mapped; 30 no match, 2 missing SKU."</summary>
    internal static string Summary(MappingReport report)
    {
        var mapped = report.Count(MappingOutcome.Mapped);
        var others = Enum.GetValues<MappingOutcome>().Where(o => o != MappingOutcome.Mapped && report.Count(o) > 0)
            .Select(o => $"{report.Count(o):N0} {Words(o)}").ToList();
        var head = report.DryRun ? $"Dry run: {mapped:N0} would be mapped" : $"{mapped:N0} mapped";
        if (report.SourceUnavailableCount > 0)
        {
            head += $" ({report.SourceUnavailableCount:N0} of them to a draft or archived Source product: not sellable until it is active)";
        }
        return $"{head}{(others.Count == 0 ? "" : "; " + string.Join(", ", others))} (compared {report.Lines.Count:N0} Destination products in {report.Elapsed.TotalSeconds:0.0} s).";
    }

    private static string Words(MappingOutcome outcome) => outcome switch
    {
        MappingOutcome.NoMatch => "no match",
        MappingOutcome.MissingSku => "missing SKU",
        MappingOutcome.DuplicateSku => "duplicate SKU",
        MappingOutcome.VariantCountDiffers => "variant count differs",
        MappingOutcome.PartialSkuMatch => "partial SKU match",
        MappingOutcome.AlreadyLinked => "already linked",
        _ => outcome.ToString(),
    };

    /// <summary>
    /// Linked products are reconciled together (both sides read from the stores, differences repaired);
    /// an unlinked one is synced (sync is idempotent).
    /// </summary>
    private async Task<Dictionary<long, JobItemOutcome>> ResyncAsync(IReadOnlyList<JobItem> items, Action<string, double?> detail, CancellationToken cancellationToken,
        Func<long, JobItemOutcome, Task>? itemDone = null)
    {
        var outcomes = new Dictionary<long, JobItemOutcome>();
        Dictionary<long, (MirroredProduct Product, StoreRole? Role, long? LinkId)> subjects;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var ids = items.Select(i => i.SubjectId).ToList();
            var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
            subjects = [];
            foreach (var product in products)
            {
                var role = await db.StoreConnections.Where(c => c.Id == product.StoreId).Select(c => (StoreRole?)c.Role).FirstOrDefaultAsync(cancellationToken);
                var linkId = await db.ProductLinks.Where(l => l.SourceStoreId == product.StoreId && l.SourceProductId == product.ExternalId)
                    .Select(l => (long?)l.Id).FirstOrDefaultAsync(cancellationToken);
                subjects[product.Id] = (product, role, linkId);
            }
        }
        var linked = new Dictionary<long, long>(); // link id -> item id
        foreach (var item in items)
        {
            if (!subjects.TryGetValue(item.SubjectId, out var subject))
            {
                outcomes[item.Id] = new JobItemOutcome(false, "The product is no longer in the Source catalogue.");
            }
            else if (subject.Role != StoreRole.Source)
            {
                outcomes[item.Id] = new JobItemOutcome(false, $"\"{subject.Product.Title}\" is not a Source product: only Source products can be resynced.");
            }
            else if (subject.LinkId is { } linkId)
            {
                linked[linkId] = item.Id;
            }
            else
            {
                outcomes[item.Id] = From(await sync.SyncAsync(item.SubjectId, cancellationToken));
            }
        }
        if (linked.Count > 0)
        {
            // Each link's outcome is handed on as it comes (the reconciliation reports synchronously; saving is not).
            var done = Channel.CreateUnbounded<(long ItemId, JobItemOutcome Outcome)>(new UnboundedChannelOptions { SingleReader = true });
            var saving = Task.Run(async () =>
            {
                await foreach (var (itemId, outcome) in done.Reader.ReadAllAsync(CancellationToken.None))
                {
                    if (itemDone is not null)
                    {
                        await itemDone(itemId, outcome);
                    }
                }
            }, CancellationToken.None);
            var progress = new InlineProgress<(int Done, int Total)>(p => detail($"Checked {p.Done} of {p.Total} linked products.", p.Total == 0 ? 100 : 100.0 * p.Done / p.Total));
            var run = new ReconcileRun
            {
                Trigger = "Resync",
                Progress = progress,
                Outcome = outcome =>
                {
                    var itemId = linked[outcome.LinkId];
                    var result = new JobItemOutcome(outcome.Kind is not (LinkOutcomeKind.Failed or LinkOutcomeKind.StillFailing or LinkOutcomeKind.OutOfStep), outcome.Message);
                    outcomes[itemId] = result;
                    done.Writer.TryWrite((itemId, result));
                },
            };
            try
            {
                await reconciler.ReconcileAsync(linked.Keys, run, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return outcomes; // Cancel (or the app stopping) ends the run where it is: what was checked is kept, the rest stays to do
            }
            finally
            {
                done.Writer.Complete();
                await saving;
            }
            foreach (var (linkId, itemId) in linked.Where(l => !outcomes.ContainsKey(l.Value)))
            {
                outcomes[itemId] = new JobItemOutcome(false, "The link ended before it could be checked.");
            }
        }
        return outcomes;
    }

    private static JobItemOutcome From(ProductOperationResult result) => new(result.Succeeded, result.Message, result.MapCandidateId, result.Transient);

    /// <summary>Reports on the caller's thread, in order (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>At most four detail reports a second, and always the last one.</summary>
    private sealed class DetailThrottle(TimeProvider time)
    {
        private long? _last;

        public bool ShouldReport(bool final)
        {
            var now = time.GetTimestamp();
            if (!final && _last is { } last && time.GetElapsedTime(last, now) < TimeSpan.FromMilliseconds(250))
            {
                return false;
            }
            _last = now;
            return true;
        }
    }
}
