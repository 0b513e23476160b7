using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>A backlog that is what the test says (empty by default).</summary>
public sealed class TestSyncBacklog : ISyncBacklog
{
    public SyncBacklogSnapshot Snapshot { get; set; } = new(0, 0, null, null, null, null);

    public Task<SyncBacklogSnapshot> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Snapshot);
}
