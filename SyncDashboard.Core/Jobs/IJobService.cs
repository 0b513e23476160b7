using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Jobs;

/// <summary>Starts the persisted background jobs and lets the dashboard follow them.</summary>
public interface IJobService
{
    Task<Job> StartBulkSyncAsync(IReadOnlyCollection<long> mirroredProductIds, CancellationToken cancellationToken = default);

    /// <summary>Refuses (<see cref="ArgumentException"/>) more than <see cref="ProductSyncService.MaxUnsyncBatch"/> products before anything runs.</summary>
    Task<Job> StartBulkUnsyncAsync(IReadOnlyCollection<long> mirroredProductIds, UnsyncMode mode, CancellationToken cancellationToken = default);

    /// <summary>Queues a Bulk Mapper run; its report is kept for <see cref="GetMappingReport"/>.</summary>
    Task<Job> StartBulkMapAsync(bool dryRun = false, CancellationToken cancellationToken = default);

    /// <summary>The report of a bulk map job run since the app started, or null.</summary>
    MappingReport? GetMappingReport(Guid jobId);

    /// <summary>The newest jobs first, without their items.</summary>
    Task<IReadOnlyList<Job>> ListRecentAsync(int count = 20, CancellationToken cancellationToken = default);

    Task<Job?> GetAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>The job's progress as it changes, ending when the job has finished.</summary>
    IAsyncEnumerable<JobProgress> WatchAsync(Guid jobId, CancellationToken cancellationToken = default);
}
