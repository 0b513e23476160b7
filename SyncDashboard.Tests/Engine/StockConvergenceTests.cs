using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.DemoStores;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// Linked stock converges whatever happens: a new link is brought in step at once, a Destination
/// level set by hand is repaired (with or without its webhook), late and out-of-order deliveries never
/// leave an older quantity, and an untracked Source variant gives an untracked copy.
/// </summary>
public abstract class StockConvergenceTests(StoreApi adapter) : ConvergenceTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : StockConvergenceTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : StockConvergenceTests(StoreApi.Rest);

    private static string StoreOf(int storeId) => storeId == 2 ? "urban-threads" : "hearth-and-home";

    [Fact]
    public async Task AWriteDecidedFromADestinationLevelSomeoneElseChangedMeanwhileStillEndsAtTheSourceQuantity()
    {
        var link = await SyncAsync();
        var pairs = link.Variants.Take(2).ToList();
        var destination = await ConnectionAsync("Northwind Outlet");
        var stock = Get<Core.Reconciliation.DestinationStock>();
        var location = await stock.LocationAsync(destination);
        // The reconciliation read 5 at the Destination; someone sells there meanwhile and it holds 4.
        foreach (var pair in pairs)
        {
            await SetStockAsync("northwind-outlet", pair.DestinationInventoryItemId, 4, location);
        }

        var operations = Dashboard.DemoStore("northwind-outlet").Stats.ByOperation;
        var before = operations.GetValueOrDefault("GraphQL inventorySetQuantities");
        var written = await stock.SetAsync(destination,
            [.. pairs.Select((p, i) => new Core.Reconciliation.StockWrite(p.DestinationInventoryItemId, 20 + i, DateTimeOffset.UtcNow, 20 + i, DestinationAvailable: 5))]);

        Assert.Equal(pairs.Count, written);
        Assert.Equal([.. pairs.Select((_, i) => (int?)(20 + i))], pairs.Select(p => DestinationStock(p.DestinationInventoryItemId)));
        if (Adapter == StoreApi.GraphQL)
        {
            // Refused once as stale (compare-and-set), read again, written again: two batch calls, not one per level.
            Assert.Equal(2, operations.GetValueOrDefault("GraphQL inventorySetQuantities") - before);
        }
    }

    [Fact]
    public async Task BulkMapBringsEveryMappedVariantToTheSourceStockAtOnce()
    {
        var dryRun = await Get<BulkMapper>().RunAsync(dryRun: true);
        var mapped = dryRun.Lines.Where(l => l.Outcome == MappingOutcome.Mapped).ToList();
        Assert.NotEmpty(mapped);
        var jobs = Get<JobService>();

        var job = await jobs.StartBulkMapAsync(dryRun: false);
        var last = await JobWaits.UntilFinishedAsync(jobs, job.Id);

        Assert.Equal(JobStatus.Completed, last.Status);
        Assert.Contains("Stock brought in step", (await jobs.GetAsync(job.Id))!.Items.Single().Message);
        await using var db = await DbAsync();
        var links = await db.ProductLinks.AsNoTracking().Include(l => l.Variants).ToListAsync();
        Assert.Equal(mapped.Count, links.Count);
        var differed = 0;
        foreach (var link in links)
        {
            Assert.Equal(LinkState.InStep, link.State);
            Assert.NotNull(link.LastVerifiedAt);
            // An archived or draft Source product is not for sale: its copy keeps stock 0 (the default policy).
            var active = (await ProductAsync(StoreOf(link.SourceStoreId), link.SourceProductId))["status"]!.GetValue<string>() == "active";
            foreach (var pair in link.Variants)
            {
                var source = active ? SourceStock(StoreOf(link.SourceStoreId), pair.SourceInventoryItemId) : 0;
                Assert.Equal(source, DestinationStock(pair.DestinationInventoryItemId));
                differed += pair.DestinationAvailable == pair.SourceAvailable ? 0 : 1;
            }
        }
        // The generated Destination had its own (older) stock for its copies: the job changed it.
        var repairs = await db.Activity.AsNoTracking().Where(a => a.Kind == ActivityKind.Reconciliation).ToListAsync();
        // One line per Source store for the whole run, naming its store (column and message).
        var summaries = repairs.Where(a => a.Message.StartsWith("Bulk Mapper:", StringComparison.Ordinal)).ToList();
        var sourceStores = await db.StoreConnections.AsNoTracking().Where(c => links.Select(l => l.SourceStoreId).Contains(c.Id)).Select(c => c.Name).ToListAsync();
        Assert.Equal(sourceStores.Order(), summaries.Select(a => a.StoreName!).Order());
        Assert.All(summaries, a => Assert.Contains("stock", a.Message));
        Assert.All(summaries.Where(a => a.Message.Contains(" brought ", StringComparison.Ordinal)), a => Assert.Contains($"linked products of {a.StoreName} in step", a.Message));
        // The mapping itself is told per Source store too (the store filter finds it).
        var maps = await db.Activity.AsNoTracking().Where(a => a.Kind == ActivityKind.Map).ToListAsync();
        Assert.All(sourceStores, name => Assert.Single(maps, a => a.StoreName == name && a.Message.EndsWith($" to products of {name}.", StringComparison.Ordinal)));
        Assert.Equal(0, differed);
    }

    [Fact]
    public async Task IndividualMapBringsStockInStepAtOnceAndKeepsTheMerchantsPrice()
    {
        var (link, line) = await MapOneAsync();
        var pricesBefore = (await ProductAsync("northwind-outlet", line.DestinationProductId))["variants"]!.AsArray()
            .Select(v => v!["price"]!.GetValue<string>()).ToList();

        await EventuallyAsync(() => link.Variants.All(p => DestinationStock(p.DestinationInventoryItemId) == SourceStock("urban-threads", p.SourceInventoryItemId)),
            "the mapped product's stock equals the Source's", seconds: 20);

        var after = await ProductAsync("northwind-outlet", line.DestinationProductId);
        Assert.Equal(pricesBefore, after["variants"]!.AsArray().Select(v => v!["price"]!.GetValue<string>()));
        await EventuallyAsync(async () => (await LinkOfSourceAsync(link.SourceProductId)).State == LinkState.InStep, "the link is in step");
        // The Activity Log names the Source store of the mapping (its Store column and filter).
        var urban = await ConnectionAsync("Urban Threads");
        var mapped = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Map, StoreId = urban.Id });
        Assert.Equal("Urban Threads", Assert.Single(mapped.Entries, e => e.Message.StartsWith("Mapped ", StringComparison.Ordinal)).StoreName);
    }

    [Fact]
    public async Task ADestinationLevelSetByHandIsRepairedWithOrWithoutItsWebhook()
    {
        var link = await SyncAsync();
        var pair = link.Variants[0];
        var expected = SourceStock("urban-threads", pair.SourceInventoryItemId);

        // By hand in the Destination's admin: its webhook brings the repair within seconds.
        await SetStockAsync("northwind-outlet", pair.DestinationInventoryItemId, expected + 40);
        await EventuallyAsync(() => DestinationStock(pair.DestinationInventoryItemId) == expected, "the hand-set level is repaired", seconds: 15);

        // Another app sets it and the webhook is lost: the reconciliation finds it.
        Dashboard.DemoStore("northwind-outlet").Faults.WebhookDropRate = 1;
        var changedAt = DateTimeOffset.UtcNow;
        await SetStockAsync("northwind-outlet", pair.DestinationInventoryItemId, expected + 7);
        await EventuallyAsync(() => DestinationStock(pair.DestinationInventoryItemId) == expected, "the reconciliation repairs the drift", seconds: 30);

        var title = (await ProductAsync("urban-threads", link.SourceProductId))["title"]!.GetValue<string>();
        try
        {
            // Whichever path wrote the level back says so: the reconciliation's run summary, or (when a sweep's or a pending
            // stock update's write got there first, under load) the inventory update of that SKU to the Source's level.
            await EventuallyAsync(async () => (await Get<ActivityLog>().QueryAsync(new ActivityQuery { From = changedAt })).Entries
                .Any(e => (e.Kind == ActivityKind.Reconciliation && e.Message.Contains($"\"{title}\"", StringComparison.Ordinal)
                           && e.Message.Contains("stock of 1 variant", StringComparison.Ordinal))
                       || (e.Kind == ActivityKind.InventoryUpdate && e.Message.Contains($"SKU {pair.Sku}:", StringComparison.Ordinal)
                           && e.Message.EndsWith($"set to {expected}.", StringComparison.Ordinal))),
                "the repair is in the Activity Log", seconds: 60); // a run's summary is written when the whole run ends, later than its writes under load
        }
        catch (Exception e)
        {
            // Say what the log has instead (a failure for this interval would point at a timed-out write the store carried out).
            var logged = (await Get<ActivityLog>().QueryAsync(new ActivityQuery { From = changedAt })).Entries.Select(a => $"{a.Kind}: {a.Message}");
            throw new Xunit.Sdk.XunitException($"{e.Message} The log since the change: {string.Join(" | ", logged)}");
        }
    }

    [Fact]
    public async Task OutOfOrderDeliveriesNeverLeaveTheOlderQuantity()
    {
        var link = await SyncAsync();
        var pair = link.Variants[0];
        var source = Dashboard.DemoStore("urban-threads");
        source.Faults.WebhookDropRate = 1; // this test delivers the webhooks itself, in the wrong order
        var older = source.Catalogue.SetInventoryLevel(pair.SourceInventoryItemId, source.PrimaryLocationId, 71);
        var olderProduct = source.Catalogue.GetProduct(link.SourceProductId);
        await Task.Delay(1_100); // the store's clock counts whole seconds
        var newer = source.Catalogue.SetInventoryLevel(pair.SourceInventoryItemId, source.PrimaryLocationId, 33);
        using var http = new HttpClient { BaseAddress = Dashboard.BaseUrl };

        using (var first = await DeliverAsync(http, "inventory_levels/update", Json(newer), "newer-level"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        await EventuallyAsync(() => DestinationStock(pair.DestinationInventoryItemId) == 33, "the newer quantity arrives");
        using (var late = await DeliverAsync(http, "inventory_levels/update", Json(older), "older-level"))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        }
        // A products/update delivered late carries the older inventory_quantity too: it must not win either.
        using (var lateProduct = await DeliverAsync(http, "products/update", olderProduct.ToJsonString(), "older-product"))
        {
            Assert.Equal(HttpStatusCode.OK, lateProduct.StatusCode);
        }
        await EventuallyAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.ReceivedWebhooks.CountAsync(w => w.ProcessedAt != null && (w.WebhookId == "older-level" || w.WebhookId == "older-product")) == 2;
        }, "the late deliveries are processed");
        await Task.Delay(1_000);

        Assert.Equal(33, DestinationStock(pair.DestinationInventoryItemId));
        await using var context = await DbAsync();
        var mirrored = await context.Variants.AsNoTracking().SingleAsync(v => v.StoreId == 2 && v.InventoryItemId == pair.SourceInventoryItemId);
        Assert.Equal(33, mirrored.Quantity); // the mirror kept the newer quantity too
    }

    [Fact]
    public async Task AnUntrackedSourceVariantGivesAnUntrackedCopyAndFollowsWhenItBecomesTracked()
    {
        using var urban = Store("urban-threads");
        using var created = await urban.PostAsync("products.json", new StringContent("""
            {"product":{"title":"Gift card sleeve","vendor":"Urban Threads","variants":[
              {"sku":"UNTRACKED-1","price":"4.00","inventory_management":null,"inventory_policy":"deny"}]}}
            """, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sourceId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["product"]!["id"]!.GetValue<long>();
        var urbanId = (await ConnectionAsync("Urban Threads")).Id;
        await EventuallyAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.Products.AnyAsync(p => p.StoreId == urbanId && p.ExternalId == sourceId && p.Problem == Core.Catalogue.SkuProblem.None);
        }, "the webhook mirrors the new product");
        await using (var db = await DbAsync())
        {
            var mirrored = await db.Products.AsNoTracking().Include(p => p.Variants).SingleAsync(p => p.StoreId == urbanId && p.ExternalId == sourceId);
            Assert.False(mirrored.Variants.Single().Tracked);
            var result = await Get<ProductSyncService>().SyncAsync(mirrored.Id);
            Assert.True(result.Succeeded, result.Message);
        }
        var link = await LinkOfSourceAsync(sourceId);
        var copy = await ProductAsync("northwind-outlet", link.DestinationProductId);
        Assert.Null(copy["variants"]![0]!["inventory_management"]); // never "tracked at 0, deny": it stays on sale

        // The supplier starts tracking it: the copy follows, with its stock.
        var variantId = (await ProductAsync("urban-threads", sourceId))["variants"]![0]!["id"]!.GetValue<long>();
        await PutProductAsync("urban-threads", sourceId, new { id = sourceId, variants = new[] { new { id = variantId, inventory_management = "shopify" } } });
        await SetStockAsync("urban-threads", link.Variants[0].SourceInventoryItemId, 12);
        await EventuallyAsync(async () => (await ProductAsync("northwind-outlet", link.DestinationProductId))["variants"]![0]!["inventory_management"]?.GetValue<string>() == "shopify",
            "the copy is tracked");
        await EventuallyAsync(() => DestinationStock(link.Variants[0].DestinationInventoryItemId) == 12, "and has the Source's stock");
    }

    private static string Json(object level) => System.Text.Json.JsonSerializer.Serialize(level, Core.Shopify.ShopifyJson.Responses);

    private static async Task<HttpResponseMessage> DeliverAsync(HttpClient http, string topic, string body, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/shopify") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Shop-Domain", "urban-threads.myshopify.com");
        request.Headers.Add("X-Shopify-Hmac-Sha256", DemoWebhookDispatcher.Sign("demo-secret-urban-threads", Encoding.UTF8.GetBytes(body)));
        request.Headers.Add("X-Shopify-Webhook-Id", id);
        return await http.SendAsync(request);
    }
}

/// <summary>The stock rule with a Source of two locations: their sum by default, or the one location the merchant picks.</summary>
public abstract class LocationStockTests(StoreApi adapter) : ConvergenceTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : LocationStockTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : LocationStockTests(StoreApi.Rest);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["DemoStores:Stores:1:Locations:0"] = "Main warehouse";
            settings["DemoStores:Stores:1:Locations:1"] = "Backroom";
            return settings;
        }
    }

    [Fact]
    public async Task StockIsTheSumOverAllLocationsOrTheChosenLocationOnly()
    {
        var link = await SyncAsync();
        var pair = link.Variants[0];
        var urban = Dashboard.DemoStore("urban-threads");
        var backroom = urban.Catalogue.ListLocations().Single(l => l.Name == "Backroom").Id!;
        var main = SourceStock("urban-threads", pair.SourceInventoryItemId);

        await SetStockAsync("urban-threads", pair.SourceInventoryItemId, 4, backroom);
        await EventuallyAsync(() => DestinationStock(pair.DestinationInventoryItemId) == main + 4, "the Destination sells the sum of both locations");

        var connection = await ConnectionAsync("Urban Threads");
        await Get<StoreConnectionService>().UpdateSettingsAsync(connection.Id, SourceSettings.Of(connection) with { LocationId = backroom });
        await EventuallyAsync(() => DestinationStock(pair.DestinationInventoryItemId) == 4, "the Destination sells the Backroom's stock only");

        var changedAt = DateTimeOffset.UtcNow;
        await SetStockAsync("urban-threads", pair.SourceInventoryItemId, 50); // at the main warehouse, which no longer counts
        await VerifiedSinceAsync(link.SourceProductId, changedAt);
        Assert.Equal(4, DestinationStock(pair.DestinationInventoryItemId));
    }
}
