using SyncDashboard.Core.Shopify;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Shopify;

/// <summary>The local leaky-bucket model, driven by a fake clock.</summary>
public sealed class ShopifyRequestPacerTests
{
    private readonly TestTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private ShopifyRequestPacer Pacer(double rate = 2, int size = 40, int margin = 2) => new(rate, size, margin, _time);

    [Fact]
    public void RequestsUpToTheSizeLessTheMarginGoAtOnce()
    {
        var pacer = Pacer();

        for (var i = 0; i < 38; i++)
        {
            Assert.True(pacer.WaitTurnAsync().IsCompletedSuccessfully, $"request {i + 1} waited");
        }

        Assert.Equal(38, pacer.Level, precision: 6);
        Assert.False(pacer.WaitTurnAsync().IsCompleted);
    }

    [Fact]
    public async Task TheNextRequestWaitsForOneRequestToDrain()
    {
        var pacer = Pacer(rate: 2);
        for (var i = 0; i < 38; i++)
        {
            await pacer.WaitTurnAsync();
        }

        var waiting = pacer.WaitTurnAsync().AsTask();
        // A request arriving now would wait for the one already waiting, then for its own slot.
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.EstimateWait());
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(38, pacer.Level, precision: 6);
    }

    [Fact]
    public async Task WaitersGoOneAtATimeAtTheDrainRate()
    {
        var pacer = Pacer(rate: 10, size: 5, margin: 1);
        for (var i = 0; i < 4; i++)
        {
            await pacer.WaitTurnAsync();
        }
        var timers = _time.TimersSet;
        var waiters = Enumerable.Range(0, 3).Select(_ => pacer.WaitTurnAsync().AsTask()).ToList();

        // Each waiter, once the one before it has gone, waits 100 ms (one request drained at 10 a second), the others behind it.
        for (var i = 0; i < waiters.Count; i++)
        {
            await _time.UntilTimersSetAsync(timers + i + 1);
            _time.Advance(TimeSpan.FromMilliseconds(99));
            Assert.DoesNotContain(waiters.Skip(i), w => w.IsCompleted);
            _time.Advance(TimeSpan.FromMilliseconds(1));
            await waiters[i].WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(0, pacer.Waiting);
    }

    [Fact]
    public async Task CallLimitHeaderRaisesTheLevelAndSetsTheSize()
    {
        var pacer = Pacer(rate: 2, size: 40);
        await pacer.WaitTurnAsync();

        pacer.OnResponse(used: 30, size: 80); // another client shares the bucket; a Plus store's size

        Assert.Equal(80, pacer.BucketSize);
        Assert.Equal(30, pacer.Level, precision: 6);
        pacer.OnResponse(used: 10, size: 80); // lower than the model: the model is kept
        Assert.Equal(30, pacer.Level, precision: 6);
        pacer.Configure(2, bucketSize: 40); // a size the store told is not overridden by configuration
        Assert.Equal(80, pacer.BucketSize);
    }

    [Fact]
    public async Task A429FillsTheBucketSoTheNextRequestWaitsForTheMarginToDrain()
    {
        var pacer = Pacer(rate: 2, size: 40, margin: 2);
        await pacer.WaitTurnAsync();

        pacer.OnThrottled(40);
        var next = pacer.WaitTurnAsync().AsTask();

        Assert.Equal(40, pacer.Level, precision: 6);
        _time.Advance(TimeSpan.FromSeconds(1.49));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.01));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TheModelDrainsWithTimeAndNeverBelowEmpty()
    {
        var pacer = Pacer(rate: 4);
        for (var i = 0; i < 20; i++)
        {
            await pacer.WaitTurnAsync();
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(12, pacer.Level, precision: 6);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, pacer.Level, precision: 6);
        Assert.Equal(TimeSpan.Zero, pacer.EstimateWait());
    }

    [Fact]
    public async Task ACancelledWaiterIsNotCountedAndLetsTheNextOneGo()
    {
        var pacer = Pacer(rate: 1, size: 3, margin: 1);
        await pacer.WaitTurnAsync();
        await pacer.WaitTurnAsync();
        using var cancel = new CancellationTokenSource();

        var cancelled = pacer.WaitTurnAsync(cancel.Token).AsTask();
        var next = pacer.WaitTurnAsync().AsTask();
        var timersBefore = _time.TimersSet;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        // The next one takes its turn on another thread: the clock moves once it waits for its slot.
        await _time.UntilTimersSetAsync(timersBefore + 1);
        _time.Advance(TimeSpan.FromSeconds(0.99));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.01)); // one drained: had the cancelled one counted, it would wait another second
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, pacer.Level, precision: 6);
    }

    [Fact]
    public async Task EveryStoreOriginHasItsOwnPacer()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ShopifyClientOptions());
        var pacers = new ShopifyRequestPacers(_time, new StaticOptionsMonitor(options.Value));

        var a = pacers.Configure(new Uri("https://a.myshopify.com"), 20, 80);
        var a2 = pacers.For(new Uri("https://A.myshopify.com:443/admin/api/2025-07/products.json?limit=5"));
        var b = pacers.For(new Uri("http://127.0.0.1:5102/"));
        var c = pacers.For(new Uri("http://127.0.0.1:5103/"));
        await a.WaitTurnAsync();

        Assert.Same(a, a2);
        Assert.NotSame(b, c);
        Assert.Equal(20, a.RequestsPerSecond);
        Assert.Equal(80, a.BucketSize);
        Assert.Equal(ShopifyRequestPacers.DefaultRequestsPerSecond, b.RequestsPerSecond);
        Assert.Equal(0, b.Level, precision: 6);
    }

    private sealed class StaticOptionsMonitor(ShopifyClientOptions value) : Microsoft.Extensions.Options.IOptionsMonitor<ShopifyClientOptions>
    {
        public ShopifyClientOptions CurrentValue => value;
        public ShopifyClientOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<ShopifyClientOptions, string?> listener) => null;
    }
}
