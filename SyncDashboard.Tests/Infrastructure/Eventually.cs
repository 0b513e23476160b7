namespace SyncDashboard.Tests.Infrastructure;

/// <summary>
/// Waits for what the engine does in the background: polls a condition every 100 ms and fails the
/// test with <c>what</c> when it does not hold within <c>seconds</c>.
/// </summary>
internal static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, string what, int seconds = 30) =>
        HoldsAsync(() => Task.FromResult(condition()), what, seconds);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Not within {seconds} s: {what}.");
    }
}
