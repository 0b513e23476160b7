namespace SyncDashboard.Core.Activity;

/// <summary>The Activity Log as the dashboard reads it: pages of entries, the unread count, and a change signal.</summary>
public interface IActivityLog
{
    /// <summary>Raised after an entry is recorded or entries are marked as read.</summary>
    event Action? Changed;

    Task<ActivityPage> QueryAsync(ActivityQuery query, CancellationToken cancellationToken = default);

    Task<int> UnreadCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the given entries as read, or every entry when <paramref name="ids"/> is null.</summary>
    Task MarkReadAsync(IReadOnlyCollection<long>? ids = null, CancellationToken cancellationToken = default);
}
