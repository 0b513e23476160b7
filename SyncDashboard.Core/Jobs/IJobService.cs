using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Jobs;

/// <summary>Starts the persisted background jobs and lets the dashboard follow them.</summary>
public interface IJobService
{
    Task<Job> StartBulkSyncAsync(IReadOnlyCollection<long> mirroredProductIds, CancellationToken cancellationToken = default);

    /// <summary>Refuses (<see cref="ArgumentException"/>) more than <see cref="ProductSyncService.MaxUnsyncBatch"/> products before anything runs.</summary>
    Task<Job> StartBulkUnsyncAsync(IReadOnlyCollection<long> mirroredProductIds, UnsyncMode mode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a Resync of each given Source product (mirrored ids): a linked one is reconciled (both
    /// sides read, differences repaired), an unlinked one is synced.
    /// </summary>
    Task<Job> StartResyncAsync(IReadOnlyCollection<long> mirroredProductIds, CancellationToken cancellationToken = default);

    /// <summary>Queues a Resync of every linked product of a Source store; <see cref="ArgumentException"/> when it has none.</summary>
    Task<Job> StartResyncSourceAsync(int sourceStoreId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks a job to stop: a running one stops before its next item (or batch), a queued one at once;
    /// what was not done is marked Skipped. False when the job does not exist or has finished.
    /// </summary>
    Task<bool> CancelAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Queues the disconnection of a Source (Owner only; <see cref="Users.ActionNotAllowedException"/> otherwise), deleting its synced copies when asked.</summary>
    Task<Job> StartDisconnectAsync(int sourceStoreId, bool deleteCopies, CancellationToken cancellationToken = default);

    /// <summary>Queues a Bulk Mapper run; its report is saved with it for <see cref="GetMappingReportAsync"/>.</summary>
    Task<Job> StartBulkMapAsync(bool dryRun = false, CancellationToken cancellationToken = default);

    /// <summary>The report of one of the newest bulk map jobs (saved with the job, so across restarts), or null.</summary>
    Task<MappingReport?> GetMappingReportAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues the failed items of a finished job again as a new job (all, the one <paramref name="itemId"/>, or with
    /// <paramref name="storeErrorsOnly"/> those whose store kept failing).
    /// <see cref="ArgumentException"/> when there is nothing to retry, <see cref="KeyNotFoundException"/> for an unknown job or item.
    /// </summary>
    Task<Job> RetryFailedAsync(Guid jobId, long? itemId = null, CancellationToken cancellationToken = default, bool storeErrorsOnly = false);

    /// <summary>The job and its items in order, each named, for its result page; null when there is no such job.</summary>
    Task<JobResult?> GetResultAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>The newest jobs first, without their items.</summary>
    Task<IReadOnlyList<Job>> ListRecentAsync(int count = 20, CancellationToken cancellationToken = default);

    Task<Job?> GetAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>The job's progress as it changes, ending when the job has finished.</summary>
    IAsyncEnumerable<JobProgress> WatchAsync(Guid jobId, CancellationToken cancellationToken = default);
}
