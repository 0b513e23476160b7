using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

public abstract class CatalogueMirrorTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : CatalogueMirrorTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : CatalogueMirrorTests(StoreApi.Rest);

    private static readonly string[] ExpectedTopics = ["inventory_levels/update", "products/create", "products/delete", "products/update"];

    [Fact]
    public async Task FreshStartConnectsTheConfiguredStoresAndMirrorsEveryCatalogue()
    {
        await using var db = await DbAsync();
        var connections = await db.StoreConnections.AsNoTracking().OrderBy(c => c.Id).ToListAsync();

        Assert.Equal(["Northwind Outlet", "Urban Threads", "Hearth & Home"], connections.Select(c => c.Name));
        Assert.Equal(StoreRole.Destination, connections[0].Role);
        Assert.All(connections, c => Assert.Equal(ConnectionStatus.Connected, c.Status));
        Assert.Equal("urban-threads.myshopify.com", connections[1].ShopDomain);
        // The Destination writes linked stock at its primary location; a Source counts all its locations.
        Assert.All(connections, c => Assert.Equal(c.Role == StoreRole.Destination, c.LocationId is not null));
        Assert.DoesNotContain("shpat_demo", connections[1].ProtectedAccessToken);
        // As configured: each store on this run's API; the Destination by its app's client id and
        // secret (tokens from the client credentials grant), the Sources by legacy tokens.
        Assert.All(connections, c => Assert.Equal(Adapter, c.Api));
        Assert.Equal(StoreCredentialKind.ClientCredentials, connections[0].Credentials);
        Assert.Equal("demo-client-northwind-outlet", connections[0].ClientId);
        Assert.DoesNotContain("shpss_", connections[0].ProtectedClientSecret);
        Assert.All(connections.Skip(1), c => Assert.Equal(StoreCredentialKind.AccessToken, c.Credentials));
        Assert.True(Get<Core.Shopify.ShopifyAccessTokens>().Requested >= 1);
        Assert.Equal(1, Dashboard.DemoStore("northwind-outlet").AccessTokens.ActiveAccessTokens);

        foreach (var connection in connections)
        {
            var mirrored = await db.Products.CountAsync(p => p.StoreId == connection.Id);
            Assert.Equal(Dashboard.DemoStore(DemoName(connection.Name)).ProductCount, mirrored);
        }
        Assert.Equal(60, await db.Products.CountAsync(p => p.StoreId == connections[1].Id));
    }

    [Fact]
    public async Task SkuProblemsAreFoundAndExplained()
    {
        var urban = await ConnectionAsync("Urban Threads");
        await using var db = await DbAsync();

        // Shopify's sample apparel has no SKUs at all.
        var sample = await db.Products.AsNoTracking().SingleAsync(p => p.StoreId == urban.Id && p.Handle == "classic-varsity-top");
        Assert.Equal(SkuProblem.MissingSku, sample.Problem);
        Assert.Equal("3 of 3 variants have no SKU.", sample.ProblemReason);

        var shared = await db.Products.AsNoTracking().Where(p => p.StoreId == urban.Id && p.Problem == SkuProblem.SharedWithOtherProduct).ToListAsync();
        Assert.NotEmpty(shared);
        Assert.All(shared, p => Assert.Contains("is also used by", p.ProblemReason));
        var healthy = await db.Products.CountAsync(p => p.StoreId == urban.Id && p.Problem == SkuProblem.None);
        Assert.InRange(healthy, 30, 40);
    }

    [Fact]
    public async Task ProductsOfAStoreDisconnectedMeanwhileAreNotMirroredAndNoErrorIsRaised()
    {
        // A sweep that read a store's products while the store was being disconnected finishes after it is gone.
        var changes = await Get<CatalogueMirror>().UpsertAsync(storeId: 999, [new Core.Stores.StoreProduct { Id = 1, Title = "Late" }]);

        Assert.True(changes.IsEmpty);
        await using var db = await DbAsync();
        Assert.False(await db.Products.AnyAsync(p => p.StoreId == 999));
    }

    [Fact]
    public async Task WebhooksAreSubscribedOnEveryConnectedStore()
    {
        foreach (var name in new[] { "northwind-outlet", "urban-threads", "hearth-and-home" })
        {
            var topics = Dashboard.DemoStore(name).Catalogue.ListWebhooks().Select(w => w.Topic).Order();
            Assert.Equal(ExpectedTopics, topics);
        }
    }

    private static string DemoName(string connection) => connection switch
    {
        "Northwind Outlet" => "northwind-outlet",
        "Urban Threads" => "urban-threads",
        _ => "hearth-and-home",
    };
}
