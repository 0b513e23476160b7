using SyncDashboard.Components.Shared;

namespace SyncDashboard.Tests.Components.Shared;

/// <summary>A burst of changes elsewhere costs a page one reload, after the burst; disposing cancels it.</summary>
public sealed class ReloadDebounceTests
{
    private static Task Run(Func<Task> work) => work();

    [Fact]
    public async Task ABurstOfTriggersReloadsOnceAfterItSettles()
    {
        using var debounce = new ReloadDebounce(TimeSpan.FromMilliseconds(100));
        var reloads = 0;

        for (var i = 0; i < 20; i++)
        {
            debounce.Trigger(Run, () => { Interlocked.Increment(ref reloads); return Task.CompletedTask; });
        }
        Assert.Equal(0, reloads);

        await Eventually(() => reloads == 1);
        await Task.Delay(300);
        Assert.Equal(1, reloads);
    }

    [Fact]
    public async Task DisposingCancelsAPendingReload()
    {
        var reloads = 0;
        var debounce = new ReloadDebounce(TimeSpan.FromMilliseconds(100));
        debounce.Trigger(Run, () => { reloads++; return Task.CompletedTask; });

        debounce.Dispose();

        await Task.Delay(300);
        Assert.Equal(0, reloads);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 5_000, "no reload within 5 s");
            await Task.Delay(20);
        }
    }
}
