using System.Runtime.CompilerServices;
using System.Threading.Channels;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>
/// Records the jobs a component starts. Each job's progress is whatever the test publishes with
/// <see cref="Report"/>; <see cref="Finish"/> completes it with per-item outcomes, and a bulk map
/// job with <see cref="NextMappingLines"/> as its report.
/// </summary>
public sealed class TestJobService : IJobService
{
    private readonly Dictionary<Guid, Channel<JobProgress>> _feeds = [];

    public List<Job> Started { get; } = [];
    public List<(IReadOnlyCollection<long> Ids, UnsyncMode Mode)> Unsyncs { get; } = [];
    public List<IReadOnlyCollection<long>> Syncs { get; } = [];
    public List<bool> MapRuns { get; } = [];
    public List<IReadOnlyCollection<long>> Resyncs { get; } = [];
    public List<int> SourceResyncs { get; } = [];
    public List<Guid> Cancels { get; } = [];
    public List<(int StoreId, bool DeleteCopies)> Disconnects { get; } = [];
    public Dictionary<Guid, MappingReport> Reports { get; } = [];
    public List<MappingReportLine> NextMappingLines { get; } = [];

    public Job LastJob => Started[^1];

    public Task<Job> StartBulkSyncAsync(IReadOnlyCollection<long> mirroredProductIds, CancellationToken cancellationToken = default)
    {
        Syncs.Add([.. mirroredProductIds]);
        return Task.FromResult(Create(JobKind.BulkSync, mirroredProductIds));
    }

    public Task<Job> StartBulkUnsyncAsync(IReadOnlyCollection<long> mirroredProductIds, UnsyncMode mode, CancellationToken cancellationToken = default)
    {
        Unsyncs.Add(([.. mirroredProductIds], mode));
        return Task.FromResult(Create(JobKind.BulkUnsync, mirroredProductIds));
    }

    public Task<Job> StartBulkMapAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        MapRuns.Add(dryRun);
        var job = Create(JobKind.BulkMap, [0]);
        job.ParametersJson = dryRun ? """{"dryRun":true}""" : """{"dryRun":false}""";
        return Task.FromResult(job);
    }

    public Task<Job> StartResyncAsync(IReadOnlyCollection<long> mirroredProductIds, CancellationToken cancellationToken = default)
    {
        Resyncs.Add([.. mirroredProductIds]);
        return Task.FromResult(Create(JobKind.Resync, mirroredProductIds));
    }

    /// <summary>Queues a resync of the products <see cref="LinkedOfSource"/> gives for the store (none: refused, as the real service does).</summary>
    public Task<Job> StartResyncSourceAsync(int sourceStoreId, CancellationToken cancellationToken = default)
    {
        SourceResyncs.Add(sourceStoreId);
        var ids = LinkedOfSource(sourceStoreId);
        return ids.Count == 0
            ? throw new ArgumentException("This Source has no synced or mapped products to resync.", nameof(sourceStoreId))
            : Task.FromResult(Create(JobKind.Resync, ids));
    }

    /// <summary>Records the disconnection; the test reports its progress and finishes it, as the runner would.</summary>
    public Task<Job> StartDisconnectAsync(int sourceStoreId, bool deleteCopies, CancellationToken cancellationToken = default)
    {
        Disconnects.Add((sourceStoreId, deleteCopies));
        return Task.FromResult(Create(JobKind.Disconnect, [sourceStoreId]));
    }

    /// <summary>The linked products of a Source store, for <see cref="StartResyncSourceAsync"/>.</summary>
    public Func<int, IReadOnlyCollection<long>> LinkedOfSource { get; set; } = _ => [];

    /// <summary>Records the request and publishes the job's progress with Cancel requested (the test then ends it, as the runner would).</summary>
    public Task<bool> CancelAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        Cancels.Add(jobId);
        var job = Started.FirstOrDefault(j => j.Id == jobId);
        if (job is null || job.Status.IsFinished())
        {
            return Task.FromResult(false);
        }
        job.CancelRequested = true;
        _feeds[job.Id].Writer.TryWrite(JobProgress.From(job));
        return Task.FromResult(true);
    }

    /// <summary>Ends the last job started as cancelled: done items keep their outcome, the rest are skipped.</summary>
    public void EndCancelled()
    {
        var job = LastJob;
        foreach (var item in job.Items.Where(i => i.Status == JobItemStatus.Pending))
        {
            (item.Status, item.Message) = (JobItemStatus.Skipped, "Cancelled while it ran.");
        }
        job.Status = JobStatus.Cancelled;
        _feeds[job.Id].Writer.TryWrite(JobProgress.From(job));
        _feeds[job.Id].Writer.TryComplete();
    }

    public Task<MappingReport?> GetMappingReportAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Reports.GetValueOrDefault(jobId));

    public Task<IReadOnlyList<Job>> ListRecentAsync(int count = 20, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Job>>([.. Enumerable.Reverse(Started).Take(count)]);

    public Task<Job?> GetAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Started.FirstOrDefault(j => j.Id == jobId));

    /// <summary>The jobs' results the result page shows, as a test gives them.</summary>
    public Dictionary<Guid, JobResult> Results { get; } = [];

    /// <summary>What Retry asked for: the job and the item (null: all failed).</summary>
    public List<(Guid JobId, long? ItemId, bool StoreErrorsOnly)> Retries { get; } = [];

    public Task<JobResult?> GetResultAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Results.GetValueOrDefault(jobId));

    public Task<Job> RetryFailedAsync(Guid jobId, long? itemId = null, CancellationToken cancellationToken = default, bool storeErrorsOnly = false)
    {
        Retries.Add((jobId, itemId, storeErrorsOnly));
        var failed = Results.TryGetValue(jobId, out var result)
            ? result.Items.Where(i => i.Status == JobItemStatus.Failed && (itemId is null || i.ItemId == itemId)
                && (!storeErrorsOnly || i.Failure == JobItemFailure.StoreError)).Select(i => i.SubjectId).ToList()
            : [];
        return Task.FromResult(Create(result?.Kind ?? JobKind.BulkSync, failed));
    }

    public async IAsyncEnumerable<JobProgress> WatchAsync(Guid jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var progress in _feeds[jobId].Reader.ReadAllAsync(cancellationToken))
        {
            yield return progress;
        }
    }

    /// <summary>Publishes progress of the last job started.</summary>
    public void Report(int done, int succeeded, int failed)
    {
        var job = LastJob;
        job.Status = JobStatus.Running;
        (job.Done, job.Succeeded, job.Failed) = (done, succeeded, failed);
        _feeds[job.Id].Writer.TryWrite(JobProgress.From(job));
    }

    /// <summary>Publishes how far the current item of the last job started is (a bulk map is one item).</summary>
    public void ReportItem(string detail, double percent)
    {
        var job = LastJob;
        job.Status = JobStatus.Running;
        _feeds[job.Id].Writer.TryWrite(JobProgress.From(job, detail, percent));
    }

    /// <summary>Finishes the last job started: the items named in <paramref name="failures"/> failed with their message, the rest succeeded.</summary>
    /// <param name="storeErrors">The failed subjects whose store kept failing (the other failures are rule refusals).</param>
    public void Finish(IReadOnlyDictionary<long, string>? failures = null, IReadOnlyDictionary<long, long>? mapCandidates = null, IReadOnlySet<long>? storeErrors = null)
    {
        var job = LastJob;
        foreach (var item in job.Items)
        {
            (item.Status, item.Message) = failures?.TryGetValue(item.SubjectId, out var message) == true
                ? (JobItemStatus.Failed, message)
                : (JobItemStatus.Succeeded, null);
            item.Failure = item.Status != JobItemStatus.Failed ? null
                : storeErrors?.Contains(item.SubjectId) == true ? JobItemFailure.StoreError : JobItemFailure.Refused;
            item.MapCandidateId = mapCandidates?.TryGetValue(item.SubjectId, out var candidate) == true ? candidate : null;
        }
        job.Status = JobStatus.Completed;
        job.Done = job.Total;
        job.Failed = job.Items.Count(i => i.Status == JobItemStatus.Failed);
        job.Succeeded = job.Total - job.Failed;
        if (job.Kind == JobKind.BulkMap)
        {
            Reports[job.Id] = new MappingReport(MapRuns[^1], [.. NextMappingLines], TimeSpan.FromMilliseconds(120));
        }
        Results.TryAdd(job.Id, ResultOf(job));
        _feeds[job.Id].Writer.TryWrite(JobProgress.From(job));
        _feeds[job.Id].Writer.TryComplete();
    }

    /// <summary>How the result page names an item's subject (by default as <see cref="TestCatalogue.Rows"/> titles products).</summary>
    public Func<long, string> SubjectOf { get; set; } = id => $"Product {id:000}";

    private JobResult ResultOf(Job job) => new(job.Id, job.Kind, job.Status, job.StartedBy, job.CreatedAt, DateTimeOffset.UtcNow, job.Total, job.Done,
        job.Succeeded, job.Failed, job.Error,
        [.. job.Items.Select(i => new JobItemResult(i.Id, i.Position, i.SubjectId, SubjectOf(i.SubjectId), i.Status, i.Message, Math.Max(1, i.Attempts), i.Failure))]);

    /// <summary>Ends the last job started as failed with <paramref name="error"/>.</summary>
    public void Fail(string error)
    {
        var job = LastJob;
        job.Status = JobStatus.Failed;
        job.Error = error;
        _feeds[job.Id].Writer.TryWrite(JobProgress.From(job));
        _feeds[job.Id].Writer.TryComplete();
    }

    /// <summary>When set, every start is refused with it, as the real service refuses a role that may not (checked in Engine/RoleTests).</summary>
    public string? Refusal { get; set; }

    private Job Create(JobKind kind, IReadOnlyCollection<long> ids)
    {
        if (Refusal is { } refusal)
        {
            throw new SyncDashboard.Core.Users.ActionNotAllowedException(refusal);
        }
        var job = new Job
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Status = JobStatus.Queued,
            Total = ids.Count,
            Items = [.. ids.Select((id, position) => new JobItem { Id = position + 1, SubjectId = id, Position = position, Status = JobItemStatus.Pending })],
        };
        Started.Add(job);
        _feeds[job.Id] = Channel.CreateUnbounded<JobProgress>();
        return job;
    }
}
