namespace SyncDashboard.Core;

/// <summary>
/// Whether the sync engine has read every store once after start-up (<see cref="SyncEngineStartup"/>
/// completes it). Background services wait for it before they act on links, so that they never work
/// on a mirror still being filled.
/// </summary>
public sealed class EngineReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the database is migrated (what a service that only needs its tables waits for).</summary>
    public Task Migrated => _migrated.Task;

    internal void CompleteMigration() => _migrated.TrySetResult();

    /// <summary>Completes when every store's catalogue has been read once after start-up.</summary>
    public Task Ready => _ready.Task;

    internal void Complete() => _ready.TrySetResult();

    internal void Cancel(CancellationToken cancellationToken) => _ready.TrySetCanceled(cancellationToken);

    internal void Fail(Exception error) => _ready.TrySetException(error);
}
