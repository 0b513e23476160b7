using Microsoft.Extensions.Time.Testing;
using SyncDashboard.Core.Hosting;

namespace SyncDashboard.Tests.Rules;

/// <summary>The background loops' wake-up call: a signal ends the wait at once, the delay on the loop's clock ends it too, and calls before the loop looks count once.</summary>
public sealed class WakeSignalTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly WakeSignal _signal = new();

    [Fact]
    public async Task ASignalEndsTheWaitBeforeTheDelay()
    {
        var waiting = _signal.WaitAsync(TimeSpan.FromMinutes(5), _time, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _signal.Set();

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TheDelayRunsOnTheLoopsClock()
    {
        var waiting = _signal.WaitAsync(TimeSpan.FromSeconds(30), _time, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SignalsBeforeTheLoopLooksCountOnce()
    {
        _signal.Set();
        _signal.Set();
        _signal.Set();

        await _signal.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var again = _signal.WaitAsync(TimeSpan.FromSeconds(30), _time, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(again.IsCompleted);
        _signal.Set();
        await again.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task StoppingTheAppEndsTheWaitWithCancellation()
    {
        using var stopping = new CancellationTokenSource();
        var waiting = _signal.WaitAsync(TimeSpan.FromMinutes(5), _time, stopping.Token);

        stopping.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
