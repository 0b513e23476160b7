using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.DemoStores;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Tests.Infrastructure;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>After a product is synced, Source changes reach the Destination: through real webhooks, or the sweep when one is lost.</summary>
public abstract class LiveSyncTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : LiveSyncTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : LiveSyncTests(StoreApi.Rest);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["SyncDashboard:SweepInterval"] = "00:00:02";
            settings["SyncDashboard:InventoryCoalesceWindow"] = "00:00:00.5";
            return settings;
        }
    }

    [Fact]
    public async Task SourceInventoryChangeReachesTheDestinationThroughTheWebhook()
    {
        var (source, destinationItem) = await SyncOneAsync();

        await SetSourceStockAsync(source.Variants[0].InventoryItemId!.Value, 42);

        await EventuallyAsync(() => DestinationStock(destinationItem) == 42, "the Destination's stock follows the Source");
    }

    [Fact]
    public async Task AWebhookSubscriptionRemovedFromAStoreIsSubscribedAgainByTheSweep()
    {
        var northwind = Dashboard.DemoStore("northwind-outlet");
        var removed = northwind.Catalogue.ListWebhooks("inventory_levels/update").Single();

        northwind.Catalogue.DeleteWebhook(removed.Id!.Value); // by the merchant, another app, or the store

        await EventuallyAsync(() => northwind.Catalogue.ListWebhooks("inventory_levels/update").Count == 1, "the topic is subscribed again");
        Assert.Equal(removed.Address, northwind.Catalogue.ListWebhooks("inventory_levels/update").Single().Address);
        await EventuallyAsync(() => Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Connection }).GetAwaiter().GetResult().Entries
            .Any(e => e.Message.StartsWith("Northwind Outlet no longer sent 1 of the webhooks SyncDashboard needs: subscribed again.", StringComparison.Ordinal)),
            "the merchant is told");
    }

    [Fact]
    public async Task AWebhookSubscriptionToAWrongAddressIsReplacedByTheSweep()
    {
        var northwind = Dashboard.DemoStore("northwind-outlet");
        var right = northwind.Catalogue.ListWebhooks("products/update").Single();
        var sameApp = northwind.Catalogue.IsSignedByApp(right.Id!.Value);
        var foreign = northwind.Catalogue.CreateWebhook(new() { Topic = "products/update", Address = "https://other-app.example/hooks" }, "2026-10");

        // Ours moved to an old address (a former public URL): what the store sends there never arrives.
        northwind.Catalogue.DeleteWebhook(right.Id!.Value);
        northwind.Catalogue.CreateWebhook(new() { Topic = "products/update", Address = "https://old-address.example/webhooks/shopify" }, "2026-10",
            signedByApp: sameApp); // the same app's


        string[] Addresses() => [.. northwind.Catalogue.ListWebhooks("products/update").Select(w => w.Address!).Order()];
        string[] expected = [.. new[] { right.Address!, foreign.Address! }.Order()];
        try
        {
            await EventuallyAsync(() => Addresses().SequenceEqual(expected), "ours at the right address again, the wrong one gone, another app's kept");
        }
        catch (Exception) when (!Addresses().SequenceEqual(expected))
        {
            Assert.Equal(expected, Addresses());
        }
        await EventuallyAsync(() => Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Connection }).GetAwaiter().GetResult().Entries
            .Any(e => e.Message.Contains("1 webhook subscription to a wrong address or topic was removed.", StringComparison.Ordinal)),
            "the merchant is told");
    }

    [Fact]
    public async Task BurstOfChangesToOneItemIsCoalescedIntoOneStoreCall()
    {
        var (source, destinationItem) = await SyncOneAsync();
        var destination = Dashboard.DemoStore("northwind-outlet").Stats;
        long Writes() => destination.ByOperation.GetValueOrDefault("POST inventory_levels/set.json")
            + destination.ByOperation.GetValueOrDefault("GraphQL inventorySetQuantities");
        var writesBefore = Writes();

        for (var quantity = 1; quantity <= 10; quantity++)
        {
            await SetSourceStockAsync(source.Variants[0].InventoryItemId!.Value, quantity);
        }

        await EventuallyAsync(() => DestinationStock(destinationItem) == 10, "the latest value wins");
        await Task.Delay(1_500);
        // Ten changes, one or two Destination writes (by live inventory, or by a reconciliation a sweep asked for meanwhile).
        Assert.InRange(Writes() - writesBefore, 1, 2);
    }

    [Fact]
    public async Task DroppedWebhookIsRepairedByTheSweep()
    {
        var (source, destinationItem) = await SyncOneAsync();
        var store = Dashboard.DemoStore("urban-threads");
        store.Faults.WebhookDropRate = 1;

        await SetSourceStockAsync(source.Variants[0].InventoryItemId!.Value, 17);

        await EventuallyAsync(() => DestinationStock(destinationItem) == 17, "the sweep finds the change the webhook did not bring", seconds: 30);
        Assert.True(store.WebhookDeliveries.Dropped >= 1);
    }

    [Fact]
    public async Task BadSignatureIsRejectedAndRepeatedWebhookIdIsProcessedOnce()
    {
        var (source, destinationItem) = await SyncOneAsync();
        var store = Dashboard.DemoStore("urban-threads");
        store.Faults.WebhookDropRate = 1; // only the deliveries this test makes arrive
        var item = source.Variants[0].InventoryItemId!.Value;
        var quantity = source.Variants[0].Quantity + 7; // a quantity the Destination does not have yet
        store.Catalogue.SetInventoryLevel(item, store.PrimaryLocationId, quantity);
        using var http = new HttpClient { BaseAddress = Dashboard.BaseUrl };
        var body = $$"""{"inventory_item_id":{{item}},"location_id":{{store.PrimaryLocationId}},"available":{{quantity}}}""";

        using var forged = await PostWebhookAsync(http, body, "not-the-signature", "forged-1");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var rejected = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.WebhookRejected });
        Assert.Contains("signature does not match", Assert.Single(rejected.Entries).Message);
        await using (var rejectedDb = await DbAsync())
        {
            Assert.False(await rejectedDb.ReceivedWebhooks.AnyAsync(w => w.WebhookId == "forged-1")); // a rejected delivery is not kept
        }

        var signature = DemoWebhookDispatcher.Sign("demo-secret-urban-threads", Encoding.UTF8.GetBytes(body));
        using var first = await PostWebhookAsync(http, body, signature, "same-id", eventId: "event-1");
        await EventuallyAsync(() => DestinationStock(destinationItem) == quantity, "the genuine webhook is processed");
        using var again = await PostWebhookAsync(http, body, signature, "same-id", eventId: "event-1");
        // The same event delivered again under another webhook id (a second delivery of one event) is the same event.
        using var sameEvent = await PostWebhookAsync(http, body, signature, "another-delivery", eventId: "event-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameEvent.StatusCode);
        // The level may have been reached another way (a sweep, a check) before the worker processed the delivery: wait for it.
        await Eventually.HoldsAsync(async () =>
        {
            await using var check = await DbAsync();
            return await check.ReceivedWebhooks.AnyAsync(w => w.WebhookId == "event-1" && w.ProcessedAt != null);
        }, "the genuine delivery is processed", 15);
        await using var db = await DbAsync();
        Assert.False(await db.ReceivedWebhooks.AnyAsync(w => w.WebhookId == "same-id" || w.WebhookId == "another-delivery"));
        var received = Assert.Single(await db.ReceivedWebhooks.Where(w => w.WebhookId == "event-1").ToListAsync());
        Assert.Equal(0, received.Attempts);
    }

    [Fact]
    public async Task SourceTitleChangeFlowsToTheSyncedProductAndDeletionKeepsItWithStockZero()
    {
        var (source, destinationItem) = await SyncOneAsync();
        var link = await LinkAsync(source.ExternalId);
        using var http = SourceClient();
        using var renamed = await http.PutAsJsonAsync($"products/{source.ExternalId}.json",
            new { product = new { id = source.ExternalId, title = "Renamed at the Source" } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var destination = Dashboard.DemoStore("northwind-outlet");
        await EventuallyAsync(() => destination.Catalogue.GetProduct(link)["title"]!.GetValue<string>() == "Renamed at the Source", "the title follows");

        await SetSourceStockAsync(source.Variants[0].InventoryItemId!.Value, 8);
        await EventuallyAsync(() => DestinationStock(destinationItem) == 8, "stock follows");
        using var deleted = await http.DeleteAsync($"products/{source.ExternalId}.json");

        await EventuallyAsync(() => DestinationStock(destinationItem) == 0, "KeepAndZeroStock sets the copy's stock to 0");
        Assert.Equal("Renamed at the Source", destination.Catalogue.GetProduct(link)["title"]!.GetValue<string>());
        await using var db = await DbAsync();
        await EventuallyAsync(() => !db.ProductLinks.Any(), "the link is removed");
    }

    [Fact]
    public async Task SourceDeletionWithTheDeletePolicyDeletesTheDestinationCopy()
    {
        var urban = await ConnectionAsync("Urban Threads");
        await Get<StoreConnectionService>().UpdateSettingsAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.Delete });
        var (source, _) = await SyncOneAsync();
        var copy = await LinkAsync(source.ExternalId);
        var destination = Dashboard.DemoStore("northwind-outlet");
        using var http = SourceClient();

        using var deleted = await http.DeleteAsync($"products/{source.ExternalId}.json");

        await EventuallyAsync(() =>
        {
            try
            {
                destination.Catalogue.GetProduct(copy);
                return false;
            }
            catch (DemoStoreNotFoundException)
            {
                return true;
            }
        }, "the Destination copy is deleted");
        // The Activity Log entry is written just after the store call that deleted the copy.
        await EventuallyAsync(() => Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.ProductDeleted }).GetAwaiter().GetResult().TotalCount > 0,
            "the deletion is in the Activity Log");
        var entries = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.ProductDeleted });
        Assert.Contains("was deleted in Urban Threads; its copy in Northwind Outlet was deleted (the Source's setting).", Assert.Single(entries.Entries).Message);
    }

    private async Task<(MirroredProduct Source, long DestinationItem)> SyncOneAsync()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var source = await SyncableAsync(urban.Id);
        var result = await Get<ProductSyncService>().SyncAsync(source.Id);
        Assert.True(result.Succeeded, result.Message);
        await using var db = await DbAsync();
        var link = await db.ProductLinks.Include(l => l.Variants).SingleAsync(l => l.SourceProductId == source.ExternalId);
        var first = link.Variants.Single(v => v.SourceVariantId == source.Variants.OrderBy(x => x.Position).First().ExternalId);
        source.Variants.Sort((a, b) => a.Position.CompareTo(b.Position));
        return (source, first.DestinationInventoryItemId);
    }

    private async Task<long> LinkAsync(long sourceProductId)
    {
        await using var db = await DbAsync();
        return await db.ProductLinks.Where(l => l.SourceProductId == sourceProductId).Select(l => l.DestinationProductId).SingleAsync();
    }

    private int? DestinationStock(long itemId) =>
        Dashboard.DemoStore("northwind-outlet").Catalogue.ListInventoryLevels(new HashSet<long> { itemId }, null).SingleOrDefault()?.Available;

    private async Task SetSourceStockAsync(long itemId, int quantity)
    {
        using var http = SourceClient();
        var store = Dashboard.DemoStore("urban-threads");
        using var response = await http.PostAsJsonAsync("inventory_levels/set.json",
            new { location_id = store.PrimaryLocationId, inventory_item_id = itemId, available = quantity });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private HttpClient SourceClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(Dashboard.DemoStore("urban-threads").BaseUrl, "admin/api/2025-07/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "shpat_demo_urban_threads");
        return http;
    }

    private static async Task<HttpResponseMessage> PostWebhookAsync(HttpClient http, string body, string signature, string id, string? eventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/shopify") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Shopify-Topic", "inventory_levels/update");
        request.Headers.Add("X-Shopify-Shop-Domain", "urban-threads.myshopify.com");
        request.Headers.Add("X-Shopify-Hmac-Sha256", signature);
        request.Headers.Add("X-Shopify-Webhook-Id", id);
        if (eventId is not null)
        {
            request.Headers.Add("X-Shopify-Event-Id", eventId);
        }
        return await http.SendAsync(request);
    }

    private static Task EventuallyAsync(Func<bool> condition, string what, int seconds = 15) => Eventually.HoldsAsync(condition, what, seconds);
}
