using System.Diagnostics;
using System.Net;
using SyncDashboard.DemoStores;

namespace SyncDashboard.Tests.DemoStores;

/// <summary>The leaky bucket and injected faults, seen from a plain HTTP client.</summary>
public sealed class DemoStoreFaultTests : DemoStoreTestBase
{
    protected override DemoStoreOptions CreateOptions()
    {
        var options = base.CreateOptions();
        options.BucketSize = 10;
        options.LeakRatePerSecond = 0.5;
        return options;
    }

    [Fact]
    public async Task FullBucketAnswers429WithRetryAfterAndShopifysBody()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 12 && throttled is null; i++)
        {
            var response = await Http.GetAsync("products/count.json");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled = response;
            }
            else
            {
                Assert.Equal($"{i + 1}/10", response.Headers.GetValues("X-Shopify-Shop-Api-Call-Limit").Single());
                response.Dispose();
            }
        }

        Assert.NotNull(throttled);
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal("2.0", throttled!.Headers.GetValues("Retry-After").Single());
        Assert.Equal("10/10", throttled.Headers.GetValues("X-Shopify-Shop-Api-Call-Limit").Single());
        Assert.StartsWith("Exceeded 2 calls per second", (await ReadJsonAsync(throttled))["errors"]!.GetValue<string>());

        await Task.Delay(TimeSpan.FromSeconds(2.1));
        using var afterDrain = await Http.GetAsync("products/count.json");
        Assert.Equal(HttpStatusCode.OK, afterDrain.StatusCode);
    }

    [Fact]
    public async Task Forced429BurstAnswersTheNextRequestsWith429()
    {
        Store.Faults.Force429(2);

        using var first = await Http.GetAsync("products.json");
        using var second = await Http.GetAsync("products.json");
        using var third = await Http.GetAsync("products.json");

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(2, Store.Stats.Throttled);
    }

    [Fact]
    public async Task InjectedServerErrorsAndLatencyApplyWhileSet()
    {
        Store.Faults.ServerErrorRate = 1;
        using var failed = await Http.GetAsync("products.json");
        Assert.True((int)failed.StatusCode >= 500, $"got {(int)failed.StatusCode}");

        Store.Faults.ServerErrorRate = 0;
        Store.Faults.AddedLatency = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();
        using var slow = await Http.GetAsync("products.json");
        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(1, Store.Stats.InjectedErrors);
    }

    [Fact]
    public async Task ResponseDelayAnswersLateButTheWorkIsDone()
    {
        Store.Faults.ResponseDelay = TimeSpan.FromSeconds(2);
        using var impatient = CreateClient(Token);
        impatient.Timeout = TimeSpan.FromMilliseconds(300);

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() =>
            impatient.PostAsync("products.json", System.Net.Http.Json.JsonContent.Create(new { product = new { title = "Created anyway" } })));
        Store.Faults.ResponseDelay = TimeSpan.Zero;

        using var count = await Http.GetAsync("products/count.json");
        Assert.Equal(1, (await ReadJsonAsync(count))["count"]!.GetValue<int>());
    }
}
