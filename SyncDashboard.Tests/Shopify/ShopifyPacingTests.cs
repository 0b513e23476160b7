using System.Diagnostics;
using SyncDashboard.DemoStores;
using Xunit.Abstractions;

namespace SyncDashboard.Tests.Shopify;

/// <summary>The client keeps under a store's leaky bucket without a 429, and close to the rate it allows.</summary>
public sealed class ShopifyPacingTests(ITestOutputHelper output) : ShopifyClientTestBase
{
    private const int BucketSize = 40;
    private const double LeakRate = 20;

    protected override DemoStoreOptions CreateStoreOptions() => StoreOptions("pacing-test", BucketSize, LeakRate);

    [Fact]
    public async Task ThreeHundredCallsOnABucketOf40Draining20PerSecondGetNo429AndRunNearTheIdealTime()
    {
        const int calls = 300;
        var client = CreateClient(requestsPerSecond: LeakRate);
        var ideal = TimeSpan.FromSeconds((calls - BucketSize) / LeakRate); // 13 s: the first 40 at once, then 20 per second
        var requestsBefore = Store.Stats.Requests;

        var watch = Stopwatch.StartNew();
        // Four workers at once, as a sync run would: the pacer is shared and thread-safe.
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (_, ct) => await client.CountProductsAsync(ct));
        watch.Stop();

        var ratio = watch.Elapsed / ideal;
        output.WriteLine($"{calls} calls in {watch.Elapsed.TotalSeconds:0.00} s; ideal {ideal.TotalSeconds:0.00} s; ratio {ratio:0.000}; " +
            $"429s: {Store.Stats.Throttled}; requests seen by the store: {Store.Stats.Requests - requestsBefore}");
        Assert.Equal(0, Store.Stats.Throttled);
        Assert.Equal(calls, Store.Stats.Requests - requestsBefore);
        Assert.True(watch.Elapsed <= ideal * 1.10, $"took {watch.Elapsed.TotalSeconds:0.00} s, more than 110% of the ideal {ideal.TotalSeconds:0.00} s");
        // Not faster than the store allows either (that would mean the bucket was not modelled).
        Assert.True(watch.Elapsed >= ideal * 0.9, $"took only {watch.Elapsed.TotalSeconds:0.00} s");
    }
}
