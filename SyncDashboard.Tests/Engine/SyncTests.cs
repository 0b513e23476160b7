using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Syncing;

using SyncDashboard.Tests.Infrastructure;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>Sync creates one new Destination product per Source product, with every field and quantity; Unsync removes the link.</summary>
public abstract class SyncTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : SyncTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : SyncTests(StoreApi.Rest);

    [Fact]
    public async Task SyncingAProductWithSeveralVariantsCreatesExactlyOneCompleteDestinationProduct()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var source = await SyncableAsync(urban.Id, q => q.Where(p => p.VariantCount >= 3));
        var before = Dashboard.DemoStore("northwind-outlet").ProductCount;

        var result = await Get<ProductSyncService>().SyncAsync(source.Id);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(before + 1, Dashboard.DemoStore("northwind-outlet").ProductCount);
        var created = await DestinationProductAsync(result.DestinationProductId!.Value);
        var sourceJson = await SourceProductAsync(source.ExternalId);
        foreach (var field in new[] { "title", "body_html", "vendor", "product_type" })
        {
            Assert.Equal(sourceJson[field]!.GetValue<string>(), created[field]!.GetValue<string>());
        }
        // The tags are the Source's: the link marker is a metafield, which shoppers never see.
        Assert.Equal(sourceJson["tags"]!.GetValue<string>(), created["tags"]!.GetValue<string>());
        var marker = Assert.Single(await DestinationMetafieldsAsync(result.DestinationProductId!.Value))!;
        Assert.Equal(("syncdashboard", "source", $"urban-threads.myshopify.com/{source.ExternalId}", "single_line_text_field"),
            (marker["namespace"]!.GetValue<string>(), marker["key"]!.GetValue<string>(), marker["value"]!.GetValue<string>(), marker["type"]!.GetValue<string>()));
        Assert.Equal(sourceJson["images"]!.AsArray().Select(i => i!["src"]!.GetValue<string>()), created["images"]!.AsArray().Select(i => i!["src"]!.GetValue<string>()));
        Assert.Equal(sourceJson["options"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()), created["options"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        var sourceVariants = sourceJson["variants"]!.AsArray();
        var createdVariants = created["variants"]!.AsArray();
        Assert.Equal(sourceVariants.Count, createdVariants.Count);
        for (var i = 0; i < sourceVariants.Count; i++)
        {
            foreach (var field in new[] { "sku", "barcode", "price", "compare_at_price", "option1", "option2", "option3", "weight_unit" })
            {
                Assert.Equal(sourceVariants[i]![field]?.ToJsonString(), createdVariants[i]![field]?.ToJsonString());
            }
            Assert.Equal(sourceVariants[i]!["grams"]!.GetValue<int>(), createdVariants[i]!["grams"]!.GetValue<int>());
            Assert.Equal(sourceVariants[i]!["inventory_quantity"]!.GetValue<int>(), createdVariants[i]!["inventory_quantity"]!.GetValue<int>());
        }

        await using var db = await DbAsync();
        var link = await db.ProductLinks.Include(l => l.Variants).SingleAsync(l => l.SourceProductId == source.ExternalId);
        Assert.Equal(sourceVariants.Count, link.Variants.Count);
        Assert.Equal(SyncState.Synced, (await db.Products.SingleAsync(p => p.Id == source.Id)).SyncState);

        var again = await Get<ProductSyncService>().SyncAsync(source.Id);
        Assert.True(again.Succeeded);
        Assert.Equal(before + 1, Dashboard.DemoStore("northwind-outlet").ProductCount);
    }

    [Fact]
    public async Task SyncInterruptedAfterTheStoreCallAndRetriedLeavesOneCopy()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var source = await SyncableAsync(urban.Id, q => q.OrderByDescending(p => p.Id));
        var destination = Dashboard.DemoStore("northwind-outlet");
        var before = destination.ProductCount;

        // The store creates the product but answers after the client's attempt timeout (5 s in these tests):
        // the create is not repeated blindly, the sync fails, and nothing is linked.
        destination.Faults.ResponseDelay = TimeSpan.FromSeconds(7);
        var interrupted = await Get<ProductSyncService>().SyncAsync(source.Id);
        destination.Faults.ResponseDelay = TimeSpan.Zero;
        Assert.False(interrupted.Succeeded, interrupted.Message);
        Assert.Equal(before + 1, destination.ProductCount);

        var retried = await Get<ProductSyncService>().SyncAsync(source.Id);

        Assert.True(retried.Succeeded, retried.Message);
        Assert.Equal(before + 1, destination.ProductCount);
        await using var db = await DbAsync();
        Assert.Empty(await db.SyncAttempts.ToListAsync());
        Assert.Equal(1, await db.ProductLinks.CountAsync(l => l.SourceProductId == source.ExternalId));
    }

    [Fact]
    public async Task ProductsWithSkuProblemsAreRefusedWithTheReason()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var missing = await MirroredAsync(urban.Id, q => q.Where(p => p.Problem == SkuProblem.MissingSku));
        var before = Dashboard.DemoStore("northwind-outlet").ProductCount;

        var result = await Get<ProductSyncService>().SyncAsync(missing.Id);

        Assert.False(result.Succeeded);
        Assert.Contains("no SKU", result.Message);
        Assert.Equal(before, Dashboard.DemoStore("northwind-outlet").ProductCount);
    }

    [Fact]
    public async Task UnsyncKeepsOrDeletesTheDestinationCopy()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var sync = Get<ProductSyncService>();
        await using var db = await DbAsync();
        var healthy = await db.Syncable(urban.Id).OrderBy(p => p.Title).Take(2).ToListAsync();
        var keep = await sync.SyncAsync(healthy[0].Id);
        var delete = await sync.SyncAsync(healthy[1].Id);
        var destination = Dashboard.DemoStore("northwind-outlet");
        var count = destination.ProductCount;
        Assert.NotNull((await db.Products.AsNoTracking().SingleAsync(p => p.Id == healthy[0].Id)).LastSyncedAt);

        var results = await sync.UnsyncAsync([healthy[0].Id], UnsyncMode.Keep);
        Assert.True(Assert.Single(results).Succeeded);
        Assert.Equal(count, destination.ProductCount);
        Assert.NotNull(await DestinationProductAsync(keep.DestinationProductId!.Value));

        results = await sync.UnsyncAsync([healthy[1].Id], UnsyncMode.Delete);
        Assert.True(Assert.Single(results).Succeeded);
        Assert.Equal(count - 1, destination.ProductCount);

        Assert.Equal(0, await db.ProductLinks.CountAsync());
        Assert.All(await db.Products.AsNoTracking().Where(p => p.Id == healthy[0].Id || p.Id == healthy[1].Id).ToListAsync(),
            p => Assert.Equal((SyncState.NotSynced, (DateTimeOffset?)null), (p.SyncState, p.LastSyncedAt))); // nothing "last synced" once unlinked
        var kept = await db.Products.AsNoTracking().SingleAsync(p => p.StoreId != urban.Id && p.ExternalId == keep.DestinationProductId);
        Assert.Equal((SyncState.NotSynced, (DateTimeOffset?)null), (kept.SyncState, kept.LastSyncedAt)); // the kept copy follows nothing now
    }

    [Fact]
    public async Task UnsyncOfTwentySixProductsIsRefusedAndChangesNothing()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var sync = Get<ProductSyncService>();
        var synced = await SyncableAsync(urban.Id);
        await sync.SyncAsync(synced.Id);
        await using var db = await DbAsync();
        var ids = await db.Products.Where(p => p.StoreId == urban.Id && p.Id != synced.Id).Select(p => p.Id).Take(25).ToListAsync();
        ids.Add(synced.Id);
        var destinationCount = Dashboard.DemoStore("northwind-outlet").ProductCount;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sync.UnsyncAsync(ids, UnsyncMode.Delete));

        Assert.StartsWith("At most 25 products can be unsynced at once; 26 were selected. Nothing was changed.", error.Message);
        Assert.Equal(1, await db.ProductLinks.CountAsync());
        Assert.Equal(destinationCount, Dashboard.DemoStore("northwind-outlet").ProductCount);
    }

    private async Task<JsonObject> DestinationProductAsync(long id) => await ProductAsync("northwind-outlet", "shpat_demo_northwind_outlet", id);

    private async Task<JsonArray> DestinationMetafieldsAsync(long id)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Dashboard.DemoStore("northwind-outlet").BaseUrl, "admin/api/2025-07/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "shpat_demo_northwind_outlet");
        return (await http.GetFromJsonAsync<JsonObject>($"products/{id}/metafields.json"))!["metafields"]!.AsArray();
    }

    private async Task<JsonObject> SourceProductAsync(long id) => await ProductAsync("urban-threads", "shpat_demo_urban_threads", id);

    private async Task<JsonObject> ProductAsync(string store, string token, long id)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Dashboard.DemoStore(store).BaseUrl, "admin/api/2025-07/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", token);
        return (await http.GetFromJsonAsync<JsonObject>($"products/{id}.json"))!["product"]!.AsObject();
    }
}
