namespace SyncDashboard.Core.Syncing;

/// <summary>The backlog as the dashboard reads it.</summary>
public interface ISyncBacklog
{
    /// <summary>What waits now (read from the database: what a restart would find too) and the pace of the last minute.</summary>
    Task<SyncBacklogSnapshot> GetAsync(CancellationToken cancellationToken = default);
}
