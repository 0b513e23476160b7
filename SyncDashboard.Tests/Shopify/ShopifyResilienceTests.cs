using System.Diagnostics;
using System.Globalization;
using System.Net;
using SyncDashboard.Core.Stores;
using Xunit.Abstractions;

namespace SyncDashboard.Tests.Shopify;

/// <summary>Retries, Retry-After, unsafe creates and the per-store circuit breaker, against a demo store's injected faults.</summary>
public sealed class ShopifyResilienceTests(ITestOutputHelper output) : ShopifyClientTestBase
{
    [Fact]
    public async Task ThrottledReadIsRetriedAfterTheRetryAfterTheStoreSent()
    {
        // A store draining 0.5 per second asks for Retry-After: 2.0, which .NET's own header parser refuses.
        var slow = await StartStoreAsync(StoreOptions("slow-store", bucketSize: 40, leakRate: 0.5));
        // The client is told a faster rate, so that its pacer alone would wait far less than 2 s after a 429.
        var client = CreateClient(store: slow, requestsPerSecond: 20);
        await client.CountProductsAsync();
        slow.Faults.Force429(1);

        var watch = Stopwatch.StartNew();
        var count = await client.CountProductsAsync();
        watch.Stop();

        output.WriteLine($"throttled call took {watch.Elapsed.TotalSeconds:0.000} s (Retry-After 2.0)");
        Assert.Equal(0, count);
        Assert.Equal(1, slow.Stats.Throttled);
        Assert.Equal(3, slow.Stats.Requests);
        // The timer that waits out Retry-After and the stopwatch tick differently: a few milliseconds short still waited it out.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2.0) - TimeSpan.FromMilliseconds(20), $"retried after {watch.Elapsed.TotalSeconds:0.000} s");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"retried after {watch.Elapsed.TotalSeconds:0.000} s");
    }

    [Fact]
    public async Task CreateIsRetriedAfterA429SinceTheStoreDidNothing()
    {
        var client = CreateClient();
        Store.Faults.Force429(2);

        var created = await client.CreateProductAsync(new StoreProductDraft { Title = "Throttled Mug" });

        Assert.Equal("Throttled Mug", created.Title);
        Assert.Equal(2, Store.Stats.Throttled);
        Assert.Equal(1, await client.CountProductsAsync());
    }

    [Fact]
    public async Task InjectedServerErrorsOnReadsAndInventorySetsAreRetriedUntilTheySucceed()
    {
        var services = CreateServices(new Dictionary<string, string?> { ["Shopify:MaxRetryAttempts"] = "8" });
        var client = CreateClient(services);
        var product = await client.CreateProductAsync(new StoreProductDraft { Title = "Flaky", Variants = [new StoreVariantDraft { Sku = "F-1", Price = 1m }] });
        var item = product.Variants[0].InventoryItemId!.Value;
        Store.Faults.ServerErrorRate = 0.25;

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal("Flaky", (await client.GetProductAsync(product.Id))!.Title);
        }
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(i, (await client.SetInventoryLevelAsync(item, Store.PrimaryLocationId, i)).Available);
        }

        output.WriteLine($"{Store.Stats.InjectedErrors} injected errors retried over {Store.Stats.Requests} requests");
        Assert.True(Store.Stats.InjectedErrors > 0);
    }

    [Fact]
    public async Task CreateIsNotRetriedAfterAServerErrorSinceTheStoreMayHaveDoneIt()
    {
        var client = CreateClient();
        var product = await client.CreateProductAsync(new StoreProductDraft { Title = "Stock", Variants = [new StoreVariantDraft { Price = 1m }] });
        var item = product.Variants[0].InventoryItemId!.Value;
        Store.Faults.ServerErrorRate = 1;
        var before = Store.Stats.Requests;

        var create = await Assert.ThrowsAsync<StoreApiException>(() => client.CreateProductAsync(new StoreProductDraft { Title = "Maybe created" }));
        var adjust = await Assert.ThrowsAsync<StoreApiException>(() => client.AdjustInventoryLevelAsync(item, Store.PrimaryLocationId, 1));
        var webhook = await Assert.ThrowsAsync<StoreApiException>(() => client.SubscribeWebhookAsync("products/update", new Uri("http://127.0.0.1:5999/hook")));

        Assert.Equal(3, Store.Stats.Requests - before); // one attempt each
        Assert.All(new[] { create, adjust, webhook }, e => Assert.True((int)e.StatusCode >= 500, e.Message));
        Assert.Contains("POST /admin/api/2026-10/products.json answered 5", create.Message);
        Assert.IsNotType<StoreUnavailableException>(create);
    }

    [Fact]
    public async Task CircuitOpensAfterPersistentFailuresAndClosesAfterTheBreakOncePerStore()
    {
        var services = CreateServices(new Dictionary<string, string?>
        {
            ["Shopify:MaxRetryAttempts"] = "2",
            ["Shopify:CircuitBreaker:MinimumThroughput"] = "4",
            ["Shopify:CircuitBreaker:FailureRatio"] = "0.5",
            ["Shopify:CircuitBreaker:SamplingDuration"] = "00:00:10",
            ["Shopify:CircuitBreaker:BreakDuration"] = "00:00:01",
        });
        var client = CreateClient(services);
        var other = await StartStoreAsync(StoreOptions("healthy-store", bucketSize: 40, leakRate: 20));
        var otherClient = CreateClient(services, other);
        Store.Faults.ServerErrorRate = 1;

        // Three attempts of the first call fail with 5xx; the circuit opens during the second call.
        var first = await Assert.ThrowsAsync<StoreApiException>(() => client.CountProductsAsync());
        Assert.True((int)first.StatusCode >= 500);
        var opened = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.CountProductsAsync());
        var sentBeforeOpen = Store.Stats.Requests;
        var whileOpen = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.CountProductsAsync());

        output.WriteLine(whileOpen.Message);
        Assert.True(opened.IsCircuitOpen);
        Assert.True(whileOpen.IsCircuitOpen);
        Assert.IsType<Polly.CircuitBreaker.BrokenCircuitException>(whileOpen.InnerException, exactMatch: false);
        Assert.EndsWith("the store failed several times in a row, so SyncDashboard pauses its calls there for a few seconds; they resume by themselves.", whileOpen.Message);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileOpen.StatusCode);
        Assert.Equal(sentBeforeOpen, Store.Stats.Requests); // not sent to the store
        Assert.Equal(0, await otherClient.CountProductsAsync()); // another store keeps its own circuit

        Store.Faults.Clear();
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(0, await client.CountProductsAsync());
        Assert.Equal(0, await client.CountProductsAsync());
        Assert.Equal(sentBeforeOpen + 2, Store.Stats.Requests);
    }

    [Fact]
    public async Task UnreachableStoreGivesAClearUnavailableError()
    {
        var services = CreateServices(new Dictionary<string, string?> { ["Shopify:MaxRetryAttempts"] = "1" });
        var factory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IStoreClientFactory>(services);
        // A loopback port that nothing listens on: take a free one and let it go.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = factory.Create(new StoreEndpoint("gone", new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Token, 20) { Api = StoreApi.Rest });

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.CountProductsAsync());

        output.WriteLine(error.Message);
        Assert.False(error.IsCircuitOpen);
        Assert.StartsWith($"gone: GET /admin/api/2026-10/products/count.json could not reach the store at http://127.0.0.1:{port}", error.Message);
    }
}
