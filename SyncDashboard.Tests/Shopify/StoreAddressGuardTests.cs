using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Stores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Shopify;

/// <summary>
/// Every store call, not only a connection test, goes through <see cref="StoreAddressPolicy"/>: a store
/// on a private or local network is refused before anything is sent (and not retried), API and token
/// requests alike, until its address is allowed.
/// </summary>
public abstract class StoreAddressGuardTests(StoreApi adapter) : ShopifyClientTestBase(adapter)
{
    /// <summary>These tests with the GraphQL Admin API client.</summary>
    public sealed class GraphQL() : StoreAddressGuardTests(StoreApi.GraphQL);

    /// <summary>These tests with the REST Admin API client.</summary>
    public sealed class Rest() : StoreAddressGuardTests(StoreApi.Rest);

    [Fact]
    public async Task AStoreOnLoopbackIsRefusedBeforeAnythingIsSentUntilItsAddressIsAllowed()
    {
        var services = CreateServices(new Dictionary<string, string?> { ["Stores:AllowPrivateAddresses"] = "false" });
        var client = CreateClient(services);
        var app = services.GetRequiredService<IStoreClientFactory>().Create(new StoreEndpoint(Store.Name, Store.BaseUrl, "")
        {
            Api = Adapter, App = new StoreAppCredentials("client-test", "shpss_test"),
        });

        var logs = new TestLogs();
        services.GetRequiredService<ILoggerFactory>().AddProvider(logs); // the resilience pipeline logs each retry ("OnRetry")

        var refused = await Assert.ThrowsAsync<StoreAddressRefusedException>(() => client.GetShopAsync());
        var tokenRefused = await Assert.ThrowsAsync<StoreAddressRefusedException>(() => app.ListLocationsAsync());

        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("OnRetry", StringComparison.Ordinal)); // a refusal is not retried
        Assert.Equal("127.0.0.1 is an address on a private or local network, and SyncDashboard calls stores only at public addresses " +
            "(such as https://my-shop.myshopify.com) unless the setting Stores:AllowPrivateAddresses is true.", refused.Reason);
        Assert.Equal(refused.Reason, tokenRefused.Reason);
        Assert.False(refused.IsTransient);
        Assert.Equal((0, 0), (Store.Stats.Requests, Store.Stats.Unauthorized)); // nothing reached the store

        services.GetRequiredService<StoreAddressPolicy>().Allow(Store.BaseUrl);
        Assert.Equal(Store.Options.Domain, (await client.GetShopAsync()).Domain);
    }
}
