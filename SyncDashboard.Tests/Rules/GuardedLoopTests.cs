using Microsoft.Extensions.Logging.Abstractions;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Hosting;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Rules;

/// <summary>No exception in a background loop stops the host: it is logged, recorded (not flooding), and the loop starts again.</summary>
public sealed class GuardedLoopTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();
    private readonly TestTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AFailingLoopIsRecordedAndStartedAgainAfterABackoff()
    {
        var activity = new ActivityLog(_database.Factory, _time, new SyncDashboard.Core.Users.DashboardActors());
        var runs = 0;
        var run = GuardedLoop.RunAsync("The test loop", _ => ++runs == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask,
            activity, NullLogger.Instance, _time, CancellationToken.None);

        await UntilAsync(() => runs == 1 && Entries(activity).Count == 1);
        Assert.False(run.IsCompleted); // waiting out its backoff
        Assert.Equal("The test loop hit an unexpected error (InvalidOperationException: boom); it carries on in 1 s.", Entries(activity)[0].Message);
        await _time.UntilTimersSetAsync(1); // the clock moves once the loop waits on it
        _time.Advance(TimeSpan.FromSeconds(1));

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task APersistentFaultIsRecordedAtMostOnceAMinuteWithAGrowingBackoff()
    {
        var activity = new ActivityLog(_database.Factory, _time, new SyncDashboard.Core.Users.DashboardActors());
        using var stop = new CancellationTokenSource();
        var runs = 0;
        var run = GuardedLoop.RunAsync("The test loop", _ => { runs++; throw new InvalidOperationException("still broken"); },
            activity, NullLogger.Instance, _time, stop.Token);

        // Retried after 1 s, 2 s, 4 s, 8 s and 16 s: six failures within 31 s, one entry.
        for (var (expected, delay) = (1, 1); expected <= 5; expected++, delay *= 2)
        {
            await UntilAsync(() => runs == expected);
            await _time.UntilTimersSetAsync(expected); // each failure sets one backoff timer: the clock moves once it is set
            _time.Advance(TimeSpan.FromSeconds(delay));
        }
        await UntilAsync(() => runs == 6);
        Assert.Single(Entries(activity));
        await _time.UntilTimersSetAsync(6);
        _time.Advance(TimeSpan.FromSeconds(32)); // a minute after the first entry: the next failure is recorded
        await UntilAsync(() => runs == 7 && Entries(activity).Count == 2);
        await _time.UntilTimersSetAsync(7);
        _time.Advance(TimeSpan.FromSeconds(60)); // the backoff stops growing at a minute (not 64 s)
        await UntilAsync(() => runs == 8);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10)); // only the app stopping ends it
    }

    private static List<ActivityEntry> Entries(ActivityLog activity) =>
        [.. activity.QueryAsync(new ActivityQuery { Kind = ActivityKind.Failure }).GetAwaiter().GetResult().Entries];

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
