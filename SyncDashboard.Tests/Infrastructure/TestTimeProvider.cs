using Microsoft.Extensions.Time.Testing;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers set on it (each <c>Task.Delay(…, time, …)</c>
/// sets one), so a test can wait until the code under test is really waiting before it moves the clock.
/// <para>
/// Moving a fake clock before a continuation on another thread has set its timer is lost on it: the timer
/// is then set from the moved time and never fires. Waiting for the timer first makes such tests exact.
/// </para>
/// </summary>
public sealed class TestTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timersSet;

    /// <summary>How many timers have been set since the start.</summary>
    public int TimersSet => Volatile.Read(ref _timersSet);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timersSet);
        return timer;
    }

    /// <summary>Waits (real time, at most <paramref name="seconds"/>) until <paramref name="count"/> timers in all have been set.</summary>
    public Task UntilTimersSetAsync(int count, int seconds = 10) =>
        Eventually.HoldsAsync(() => TimersSet >= count, $"{count} timers set on the test clock (set: {TimersSet})", seconds);
}
