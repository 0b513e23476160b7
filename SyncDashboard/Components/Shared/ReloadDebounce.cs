namespace SyncDashboard.Components.Shared;

/// <summary>
/// Runs a page's reload once changes elsewhere have settled: every trigger within the delay (a burst of stock updates,
/// a job's items) restarts the wait, so a burst costs one reload, not one per change. Disposing cancels a pending reload.
/// </summary>
/// <param name="delay">How long changes must stop before the reload runs (half a second for the grids).</param>
public sealed class ReloadDebounce(TimeSpan delay) : IDisposable
{
    private CancellationTokenSource? _pending;

    /// <summary>Starts (or restarts) the wait; <paramref name="run"/> schedules the reload on the component's dispatcher (its <c>InvokeAsync</c>).</summary>
    public void Trigger(Func<Func<Task>, Task> run, Func<Task> reload)
    {
        _pending?.Cancel();
        _pending?.Dispose();
        var pending = _pending = new CancellationTokenSource();
        _ = run(async () =>
        {
            try
            {
                await Task.Delay(delay, pending.Token);
                await reload();
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = null;
    }
}
