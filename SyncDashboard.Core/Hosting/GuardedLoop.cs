using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;

namespace SyncDashboard.Core.Hosting;

/// <summary>
/// Keeps a background service's loop alive: an exception that escapes it is logged, recorded in the
/// Activity Log (at most once a minute per loop, so a persistent fault does not flood the bell) and
/// the loop starts again after a backoff (1 s, doubling to 1 min). Only the app stopping ends it, so
/// no exception in a background service can stop the host (and the dashboard and demo stores with it).
/// </summary>
public static class GuardedLoop
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    /// <param name="name">The loop's name in words, for the log ("The reconciliation").</param>
    /// <param name="loop">The loop; it returns only when the app stops.</param>
    public static async Task RunAsync(string name, Func<CancellationToken, Task> loop, ActivityLog activity, ILogger logger, TimeProvider time,
        CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        DateTimeOffset? lastRecorded = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            try
            {
                await loop(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Loop} failed; it starts again in {Delay}", name, backoff);
                var now = time.GetUtcNow();
                if (lastRecorded is null || now - lastRecorded >= TimeSpan.FromMinutes(1))
                {
                    lastRecorded = now;
                    try
                    {
                        await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error,
                            $"{name} hit an unexpected error ({e.GetType().Name}: {e.Message}); it carries on in {backoff.TotalSeconds:0} s.",
                            cancellationToken: CancellationToken.None);
                    }
                    catch (Exception recordError)
                    {
                        logger.LogWarning(recordError, "Could not record the failure of {Loop} in the Activity Log", name);
                    }
                }
                // A loop that ran a good while before failing starts again quickly.
                backoff = now - started > MaxBackoff ? TimeSpan.FromSeconds(1) : backoff;
                try
                {
                    await Task.Delay(backoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }
}
