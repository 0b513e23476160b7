using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Jobs;

/// <summary>
/// Starts, reads and cancels the persisted background jobs (bulk sync, bulk unsync, bulk map,
/// resync) and publishes their progress live. A job and all its items are saved before it is
/// queued; <see cref="JobRunner"/> runs queued jobs one at a time, oldest first, and resumes
/// unfinished ones after a restart.
/// </summary>
public sealed class JobService(
    IDbContextFactory<SyncDbContext> dbFactory,
    ActivityLog activity,
    TimeProvider time,
    Users.DashboardActors actors,
    ILogger<JobService> logger) : IJobService
{
    /// <summary>The most products one bulk unsync may take.</summary>
    public const int MaxUnsyncBatch = ProductSyncService.MaxUnsyncBatch;

    /// <summary>How many Bulk Mapper reports are kept (the newest; saved with their jobs, so across restarts).</summary>
    public const int ReportsKept = 5;

    internal static readonly JsonSerializerOptions ParameterJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly Channel<Guid> _queued = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();
    private readonly SemaphoreSlim _creating = new(1, 1);

    /// <summary>
    /// Raised (on the runner's thread) whenever a job's progress or status changes, for every job.
    /// A Blazor component should hop to its own context (<c>InvokeAsync</c>) and unsubscribe when disposed;
    /// or use <see cref="WatchAsync"/> for one job.
    /// </summary>
    public event Action<JobProgress>? ProgressChanged;

    /// <summary>Queues a sync of each given Source product (mirrored product ids).</summary>
    public Task<Job> StartBulkSyncAsync(IReadOnlyCollection<long> mirroredProductIds, CancellationToken cancellationToken = default) =>
        CreateAsync(JobKind.BulkSync, Subjects(mirroredProductIds), new JobParameters(), cancellationToken);

    /// <summary>
    /// Queues an unsync of each given Source product; refuses more than <see cref="MaxUnsyncBatch"/>
    /// with an <see cref="ArgumentException"/> before anything is saved or changed.
    /// </summary>
    public Task<Job> StartBulkUnsyncAsync(IReadOnlyCollection<long> mirroredProductIds, UnsyncMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mirroredProductIds);
        var subjects = Subjects(mirroredProductIds);
        if (subjects.Count > MaxUnsyncBatch)
        {
            throw new ArgumentException(
                $"At most {MaxUnsyncBatch} products can be unsynced at once; {subjects.Count} were selected. Nothing was changed.",
                nameof(mirroredProductIds));
        }
        return CreateAsync(JobKind.BulkUnsync, subjects, new JobParameters { UnsyncMode = mode }, cancellationToken);
    }

    /// <summary>
    /// Queues a Bulk Mapper run (one item). Its report is kept in memory (<see cref="GetMappingReport"/>)
    /// and its counts are saved as the item's message.
    /// </summary>
    public Task<Job> StartBulkMapAsync(bool dryRun = false, CancellationToken cancellationToken = default) =>
        CreateAsync(JobKind.BulkMap, [0], new JobParameters { DryRun = dryRun }, cancellationToken);

    /// <summary>
    /// Queues a resync of each given Source product: a linked product is reconciled (both sides read
    /// from the stores, every difference repaired), an unlinked one is synced (the retry of a failed
    /// sync; sync is idempotent).
    /// </summary>
    public Task<Job> StartResyncAsync(IReadOnlyCollection<long> mirroredProductIds, CancellationToken cancellationToken = default) =>
        CreateAsync(JobKind.Resync, Subjects(mirroredProductIds), new JobParameters(), cancellationToken);

    /// <summary>Queues a resync of every linked product of a Source store (its mirrored products that are synced or mapped).</summary>
    public async Task<Job> StartResyncSourceAsync(int sourceStoreId, CancellationToken cancellationToken = default)
    {
        List<long> linked;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            linked = await db.Products.AsNoTracking()
                .Where(p => p.StoreId == sourceStoreId && p.SyncState != Catalogue.SyncState.NotSynced)
                .OrderBy(p => p.Title).Select(p => p.Id).ToListAsync(cancellationToken);
        }
        if (linked.Count == 0)
        {
            throw new ArgumentException("This Source has no synced or mapped products to resync.", nameof(sourceStoreId));
        }
        return await CreateAsync(JobKind.Resync, linked, new JobParameters(), cancellationToken);
    }

    /// <summary>
    /// Queues the disconnection of a Source (Owner only), deleting the Destination copies synced from it when
    /// <paramref name="deleteCopies"/>: a job, so it shows progress and a stop resumes it.
    /// </summary>
    public Task<Job> StartDisconnectAsync(int sourceStoreId, bool deleteCopies, CancellationToken cancellationToken = default) =>
        CreateAsync(JobKind.Disconnect, [sourceStoreId], new JobParameters { DeleteCopies = deleteCopies }, cancellationToken);

    /// <summary>The job with its items (in order), or null.</summary>
    public async Task<Job?> GetAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is not null)
        {
            job.Items = await db.JobItems.AsNoTracking().Where(i => i.JobId == jobId).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        }
        return job;
    }

    /// <summary>The job and its items in order, each named (a product's title, a store's name), or null when there is no such job.</summary>
    public async Task<JobResult?> GetResultAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return null;
        }
        var items = await db.JobItems.AsNoTracking().Where(i => i.JobId == jobId).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var ids = items.Select(i => i.SubjectId).ToList();
        var names = job.Kind == JobKind.Disconnect
            ? await db.StoreConnections.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => (long)c.Id, c => c.Name, cancellationToken)
            : await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, cancellationToken);
        string Name(long id) => names.TryGetValue(id, out var name) ? name
            : job.Kind == JobKind.Disconnect ? $"Store {id} (disconnected)" : job.Kind == JobKind.BulkMap ? "The catalogue" : $"Product {id} (no longer in the catalogue)";
        return new JobResult(job.Id, job.Kind, job.Status, job.StartedBy, job.CreatedAt, job.FinishedAt, job.Total, job.Done, job.Succeeded, job.Failed, job.Error,
            [.. items.Select(i => new JobItemResult(i.Id, i.Position, i.SubjectId, Name(i.SubjectId), i.Status, i.Message, i.Attempts, i.Failure))])
        {
            Subject = job.Subject(),
        };
    }

    /// <summary>The newest jobs first, without their items.</summary>
    public async Task<IReadOnlyList<Job>> ListRecentAsync(int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(Math.Clamp(count, 1, 500)).ToListAsync(cancellationToken);
    }

    /// <summary>The job's progress as saved, or null when there is no such job.</summary>
    public async Task<JobProgress?> GetProgressAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        return job is null ? null : JobProgress.From(job);
    }

    /// <summary>The parameters the job was started with.</summary>
    public static JobParameters ParametersOf(Job job) =>
        JsonSerializer.Deserialize<JobParameters>(job.ParametersJson, ParameterJson) ?? new JobParameters();

    /// <summary>The report of a bulk map job (one of the newest <see cref="ReportsKept"/>, saved with it), or null.</summary>
    public async Task<MappingReport?> GetMappingReportAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.JobMappingReports.AsNoTracking().Where(r => r.JobId == jobId).Select(r => r.ReportJson).FirstOrDefaultAsync(cancellationToken);
        if (json is null)
        {
            return null;
        }
        var saved = JsonSerializer.Deserialize<SavedMappingReport>(json, ParameterJson)!;
        return new MappingReport(saved.DryRun, saved.Lines, saved.Elapsed) { CreatedLinkIds = saved.CreatedLinkIds };
    }

    /// <summary>
    /// Asks the job to stop: a running job stops before its next item, a queued one at once; the
    /// items not done are marked Skipped and the job Cancelled. Returns false when the job does not
    /// exist or has already finished.
    /// </summary>
    public async Task<bool> CancelAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        actors.DemandOperator("cancel jobs");
        JobProgress? progress;
        bool cancelledNow;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow();
            cancelledNow = await db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.Queued).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.CancelRequested, true)
                .SetProperty(j => j.Status, JobStatus.Cancelled)
                .SetProperty(j => j.FinishedAt, now), cancellationToken) == 1;
            if (cancelledNow)
            {
                await SkipPendingAsync(db, jobId, "Cancelled before it started.", cancellationToken);
            }
            else if (await db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.Running).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.CancelRequested, true), cancellationToken) == 0)
            {
                return false;
            }
            await transaction.CommitAsync(cancellationToken);
            var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId, cancellationToken);
            progress = JobProgress.From(job);
        }
        logger.LogInformation("Cancel requested for job {JobId}", jobId);
        if (_running.TryGetValue(jobId, out var running))
        {
            await running.CancelAsync(); // stops a long item (a bulk map's stock alignment, a resync batch) where it is
        }
        Publish(progress);
        if (cancelledNow)
        {
            await activity.RecordAsync(ActivityKind.Job, ActivitySeverity.Warning,
                $"{progress.Kind.Subject(progress.Total)} was cancelled before it started.", cancellationToken: cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// The job's progress live: the saved state first, then every change, ending after the job
    /// finishes (or at once when it has already finished, or does not exist). Stop listening by
    /// cancelling <paramref name="cancellationToken"/> (for example when the component is disposed).
    /// Intermediate snapshots may be skipped when the reader is slower than the job; the last one never is.
    /// </summary>
    public async IAsyncEnumerable<JobProgress> WatchAsync(Guid jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = Channel.CreateBounded<JobProgress>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        void OnProgress(JobProgress p)
        {
            if (p.JobId == jobId)
            {
                updates.Writer.TryWrite(p);
            }
        }
        ProgressChanged += OnProgress;
        try
        {
            var current = await GetProgressAsync(jobId, cancellationToken);
            if (current is null)
            {
                yield break;
            }
            yield return current;
            var last = current;
            while (!last.IsFinished)
            {
                var next = await updates.Reader.ReadAsync(cancellationToken);
                // An update raised before the saved state was read is older than it: skip it.
                if (!next.IsFinished && next.Done < last.Done)
                {
                    continue;
                }
                last = next;
                yield return next;
            }
        }
        finally
        {
            ProgressChanged -= OnProgress;
        }
    }

    /// <summary>Jobs queued since the runner last looked (a wake-up call; the database is the queue).</summary>
    internal ChannelReader<Guid> Queued => _queued.Reader;

    internal void Publish(JobProgress progress)
    {
        if (ProgressChanged is not { } handlers)
        {
            return;
        }
        foreach (var handler in handlers.GetInvocationList().Cast<Action<JobProgress>>())
        {
            try
            {
                handler(progress);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A job progress subscriber failed");
            }
        }
    }

    /// <summary>The runner's token source for a running job, so that Cancel stops it inside an item too.</summary>
    internal void Running(Guid jobId, CancellationTokenSource cancellation) => _running[jobId] = cancellation;

    internal void Stopped(Guid jobId) => _running.TryRemove(jobId, out _);

    /// <summary>Saves a bulk map job's report with the job (replacing one saved before, as when a job resumed after a restart maps again) and drops all but the newest <see cref="ReportsKept"/>.</summary>
    internal async Task SaveReportAsync(Guid jobId, MappingReport report, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(new SavedMappingReport(report.DryRun, report.Elapsed, report.CreatedLinkIds, report.Lines), ParameterJson);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.JobMappingReports.Where(r => r.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        db.JobMappingReports.Add(new JobMappingReport { JobId = jobId, SavedAt = time.GetUtcNow(), ReportJson = json });
        await db.SaveChangesAsync(cancellationToken);
        var kept = db.JobMappingReports.OrderByDescending(r => r.SavedAt).Take(ReportsKept).Select(r => r.JobId);
        await db.JobMappingReports.Where(r => !kept.Contains(r.JobId)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A report as saved: what <see cref="MappingReport"/> is made of (its counts are worked out again).</summary>
    private sealed record SavedMappingReport(bool DryRun, TimeSpan Elapsed, IReadOnlyList<long> CreatedLinkIds, IReadOnlyList<MappingReportLine> Lines);

    internal static Task SkipPendingAsync(SyncDbContext db, Guid jobId, string message, CancellationToken cancellationToken) =>
        db.JobItems.Where(i => i.JobId == jobId && i.Status == JobItemStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, JobItemStatus.Skipped)
            .SetProperty(i => i.Message, message), cancellationToken);

    /// <summary>
    /// Queues the failed items of a finished job again, as a new job of the same kind and parameters (the
    /// old job stays as it ended): all of them, or the one <paramref name="itemId"/>. Safe: a Sync finds
    /// the product an earlier try created (its marker), an Unsync or a Resync of what is already done does
    /// nothing more. With <paramref name="storeErrorsOnly"/>, only the items whose store kept failing (a rule's
    /// refusal would only be refused again). The same roles as starting such a job.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such job, or no such failed item in it.</exception>
    /// <exception cref="ArgumentException">The job has not finished, has no failed item, or is a Bulk Mapper run (run the Bulk Mapper again instead).</exception>
    public async Task<Job> RetryFailedAsync(Guid jobId, long? itemId = null, CancellationToken cancellationToken = default, bool storeErrorsOnly = false)
    {
        List<long> subjects;
        Job old;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            old = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken)
                ?? throw new KeyNotFoundException($"There is no job {jobId}.");
            if (!old.Status.IsFinished())
            {
                throw new ArgumentException("The job has not finished yet: it still tries its failed items again by itself.", nameof(jobId));
            }
            if (old.Kind == JobKind.BulkMap)
            {
                throw new ArgumentException("A Bulk Mapper run is not retried item by item: run the Bulk Mapper again.", nameof(jobId));
            }
            subjects = await db.JobItems.AsNoTracking()
                .Where(i => i.JobId == jobId && i.Status == JobItemStatus.Failed && (itemId == null || i.Id == itemId)
                    && (!storeErrorsOnly || i.Failure == JobItemFailure.StoreError))
                .OrderBy(i => i.Position).Select(i => i.SubjectId).ToListAsync(cancellationToken);
        }
        if (subjects.Count == 0)
        {
            throw itemId is null
                ? new ArgumentException("The job has no failed item to retry.", nameof(jobId))
                : new KeyNotFoundException($"Item {itemId} of the job did not fail, or is not the job's.");
        }
        return await CreateAsync(old.Kind, subjects, ParametersOf(old), cancellationToken);
    }

    /// <exception cref="Users.ActionNotAllowedException">A Viewer asked for anything but a dry run of the Bulk Mapper, or a user whose session ended asked for anything.</exception>
    private async Task<Job> CreateAsync(JobKind kind, IReadOnlyList<long> subjects, JobParameters parameters, CancellationToken cancellationToken)
    {
        if (kind == JobKind.Disconnect)
        {
            actors.DemandOwner("disconnect stores");
        }
        else if (kind == JobKind.BulkMap && parameters.DryRun == true)
        {
            actors.DemandSignedIn("run the Bulk Mapper");
        }
        else
        {
            actors.DemandOperator(kind switch
            {
                JobKind.BulkSync => "sync products",
                JobKind.BulkUnsync => "unsync products",
                JobKind.BulkMap => "map products",
                _ => "resync products",
            });
        }
        var job = new Job
        {
            StartedBy = actors.Current?.UserName,
            Id = Guid.CreateVersion7(),
            Kind = kind,
            Status = JobStatus.Queued,
            ParametersJson = JsonSerializer.Serialize(parameters, ParameterJson),
            Total = subjects.Count,
            CreatedAt = time.GetUtcNow(),
            Items = [.. subjects.Select((id, index) => new JobItem { Position = index, SubjectId = id, Status = JobItemStatus.Pending })],
        };
        // One creation at a time, so two identical asks at the same instant cannot both miss each other.
        await _creating.WaitAsync(cancellationToken);
        try
        {
            if (await SameUnfinishedAsync(job, subjects, cancellationToken) is { } same)
            {
                logger.LogInformation("{Kind} job {JobId} already does this work: not queued twice", kind, same.Id);
                return same;
            }
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.Jobs.Add(job);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _creating.Release();
        }
        logger.LogInformation("Queued {Kind} job {JobId} of {Count} items", kind, job.Id, job.Total);
        _queued.Writer.TryWrite(job.Id);
        Publish(JobProgress.From(job));
        return job;
    }

    /// <summary>The same work asked for again while it is queued or running (a second click, a second tab): that job, or null.</summary>
    private async Task<Job?> SameUnfinishedAsync(Job job, IReadOnlyList<long> subjects, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var wanted = subjects.ToHashSet();
        var unfinished = await db.Jobs.AsNoTracking().Include(j => j.Items)
            .Where(j => j.Kind == job.Kind && j.Total == subjects.Count && j.ParametersJson == job.ParametersJson
                && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running) && !j.CancelRequested)
            .ToListAsync(cancellationToken);
        return unfinished.FirstOrDefault(j => wanted.SetEquals(j.Items.Select(i => i.SubjectId)));
    }

    private static List<long> Subjects(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            throw new ArgumentException("Select at least one product.", nameof(ids));
        }
        return [.. ids.Distinct()];
    }
}
