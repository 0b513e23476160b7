using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Jobs;

/// <summary>Starts the persisted background jobs and lets the dashboard follow them.</summary>
public interface IJobService
{
    Task<Job> StartBulkSyncAsync(IReadOnlyCollection<long> mirroredProductIds, CancellationToken cancellationToken = default);

    /// <summary>Refuses (<see cref="ArgumentException"/>) more than <see cref="ProductSyncService.MaxUnsyncBatch"/> products before anything runs.</summary>
    Task<Job> StartBulkUnsyncAsync(IReadOnlyCollection<long> mirroredProductIds, UnsyncMode mode, CancellationToken cancellationToken = default);

    Task<Job?> GetAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>The job's progress as it changes, ending when the job has finished.</summary>
    IAsyncEnumerable<JobProgress> WatchAsync(Guid jobId, CancellationToken cancellationToken = default);
}
