using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.DemoStores;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Webhooks;

namespace SyncDashboard.Tests.Engine;

public sealed class StoreConnectorTests : EngineTestBase
{
    [Fact]
    public async Task ConnectingAStoreReadsItsCatalogueAndSubscribesTheTopics()
    {
        await using var extra = await DemoStoreServer.StartAsync(new DemoStoreOptions
        {
            Name = "fourth", Domain = "fourth-store.myshopify.com", AccessToken = "shpat_fourth", WebhookSecret = "fourth-secret",
        }, Dashboard.Data.File("fourth.db"));
        await extra.SeedAsync([new ShopifyProduct { Title = "Lantern", Variants = [new ShopifyVariant { Sku = "LANT-1", Price = 30m, InventoryQuantity = 4 }] }]);
        var connector = Get<StoreConnector>();
        var publicUrl = Get<WebhookAddress>().BaseUrl();

        var (connection, message) = await connector.ConnectAsync(
            new NewStoreConnection("Fourth Store", StoreRole.Source, extra.BaseUrl.ToString(), "shpat_fourth", "fourth-secret"), publicUrl);

        Assert.NotNull(connection);
        Assert.Contains("fourth-store.myshopify.com", message);
        Assert.Equal(extra.PrimaryLocationId, connection!.LocationId);
        Assert.Equal(WebhookSubscriptions.Topics.Order(), extra.Catalogue.ListWebhooks().Select(w => w.Topic).Order());
        await using var db = await DbAsync();
        var lantern = await db.Products.Include(p => p.Variants).SingleAsync(p => p.StoreId == connection.Id);
        Assert.Equal("LANT-1", lantern.Variants.Single().Sku);
        Assert.Equal(4, lantern.TotalInventory);
        Assert.DoesNotContain(await db.Activity.ToListAsync(), a => a.Message.Contains("shpat_fourth") || a.Message.Contains("fourth-secret"));
    }

    [Fact]
    public async Task WrongTokenOrAddressGivesAClearMessageAndConnectsNothing()
    {
        var connector = Get<StoreConnector>();
        var urban = Dashboard.DemoStore("urban-threads");

        var wrongToken = await connector.TestAsync(new NewStoreConnection("X", StoreRole.Source, urban.BaseUrl.ToString(), "shpat_wrong", "s"));
        var notAUrl = await connector.TestAsync(new NewStoreConnection("X", StoreRole.Source, "my shop", "t", "s"));
        var (connection, message) = await connector.ConnectAsync(new NewStoreConnection("Urban Again", StoreRole.Source, urban.BaseUrl.ToString(), "shpat_wrong", "s"), null);

        Assert.False(wrongToken.Succeeded);
        Assert.StartsWith("The store refused the access token.", wrongToken.Message);
        Assert.Equal("'my shop' is not a store address such as https://my-shop.myshopify.com.", notAUrl.Message);
        Assert.Null(connection);
        await using var db = await DbAsync();
        Assert.Equal(3, await db.StoreConnections.CountAsync());
    }
}
