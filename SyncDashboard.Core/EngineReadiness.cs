using Microsoft.Extensions.Logging;

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

    /// <summary>
    /// What a background service does before it starts: waits for <see cref="Ready"/>. Returns false
    /// when the app stops first; a start-up that failed is logged as a warning and the service runs
    /// anyway (on what the mirror has), because stopping would leave stock unfollowed.
    /// </summary>
    public async Task<bool> WaitBeforeStartingAsync(ILogger logger, string service, CancellationToken stoppingToken)
    {
        try
        {
            await Ready.WaitAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The sync engine did not start cleanly; {Service} runs anyway", service);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return !stoppingToken.IsCancellationRequested;
    }

    internal void Cancel(CancellationToken cancellationToken) => _ready.TrySetCanceled(cancellationToken);

    internal void Fail(Exception error) => _ready.TrySetException(error);
}
