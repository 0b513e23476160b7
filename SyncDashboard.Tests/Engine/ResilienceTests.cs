using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Engine;

/// <summary>Nothing lost, nothing stops: a pending Destination update survives a restart; writers racing on one product never fail; a failing background loop does not stop the host.</summary>
public abstract class ResilienceTests(StoreApi adapter) : ConvergenceTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : ResilienceTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : ResilienceTests(StoreApi.Rest);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["SyncDashboard:SweepInterval"] = "00:00:01";
            return settings;
        }
    }

    [Fact]
    public async Task TheSweepAndAWebhookMirroringTheSameNewProductAtOnceNeverFail()
    {
        var mirror = Get<CatalogueMirror>();
        var product = new StoreProduct
        {
            Id = 9_999_000_001,
            Title = "Arrives twice at once",
            UpdatedAt = DateTimeOffset.UtcNow,
            Variants = [new StoreVariant { Id = 9_999_000_002, Sku = "RACE-1", InventoryItemId = 9_999_000_003, InventoryQuantity = 3 }],
        };

        // Twenty writers at once: a sweep, webhooks, a sync's read of the same product.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => mirror.UpsertAsync(2, [product with { Title = $"Arrives twice at once {i}" }]))));

        await using var db = await DbAsync();
        Assert.Equal(1, await db.Products.CountAsync(p => p.StoreId == 2 && p.ExternalId == product.Id));
        Assert.Equal(1, await db.Variants.CountAsync(v => v.StoreId == 2 && v.ExternalId == 9_999_000_002));
    }

    [Fact]
    public async Task AnExceptionInABackgroundLoopIsRecordedAndTheHostCarriesOn()
    {
        var refresher = Get<CatalogueRefresher>();
        var failing = true;
        Task Fail(Core.Connections.StoreConnection _, MirrorChanges __, CancellationToken ___) =>
            failing ? throw new InvalidOperationException("Simulated fault in the sweep") : Task.CompletedTask;
        refresher.Refreshed += Fail;
        var urban = Dashboard.DemoStore("urban-threads");
        urban.Faults.WebhookDropRate = 1; // only the sweep sees the changes below
        var productId = urban.Catalogue.ListProducts(SyncDashboard.DemoStores.ProductQuery.Parse(new Microsoft.AspNetCore.Http.QueryCollection()), null, 1).Products[0]["id"]!.GetValue<long>();

        await PutProductAsync("urban-threads", productId, new { id = productId, title = "Changed while the sweep fails" });
        await EventuallyAsync(async () => (await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Failure })).Entries
            .Any(e => e.Message.StartsWith("The catalogue sweep hit an unexpected error (InvalidOperationException: Simulated fault in the sweep)", StringComparison.Ordinal)),
            "the fault is in the Activity Log");

        // The host is still up: the dashboard and its demo stores answer.
        using (var http = new HttpClient { BaseAddress = Dashboard.BaseUrl })
        using (var page = await http.GetAsync("/activity"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using (var store = Store("urban-threads"))
        using (var count = await store.GetAsync("products/count.json"))
        {
            Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        }
        // And the sweep carries on once the fault is gone.
        failing = false;
        await PutProductAsync("urban-threads", productId, new { id = productId, title = "Swept after the fault" });
        await EventuallyAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.Products.AnyAsync(p => p.StoreId == 2 && p.ExternalId == productId && p.Title == "Swept after the fault");
        }, "the sweep mirrors the change");
        refresher.Refreshed -= Fail;
    }
}

/// <summary>A pending Destination stock update is saved before anything else happens, and applied after a restart.</summary>
public abstract class PendingUpdateRestartTests(StoreApi adapter) : IDisposable
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : PendingUpdateRestartTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : PendingUpdateRestartTests(StoreApi.Rest);

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task APendingStockUpdateThatFailedBeforeAStopIsAppliedAfterTheRestart()
    {
        var settings = Settings();
        long destinationItem;
        int wanted;

        await using (var first = await DashboardApp.StartAsync(settings, _data))
        {
            await first.WaitUntilReadyAsync();
            var factory = first.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
            MirroredProduct product;
            await using (var db = await factory.CreateDbContextAsync())
            {
                product = await db.Syncable(2).OrderBy(p => p.Id).FirstAsync();
            }
            var synced = await first.Services.GetRequiredService<ProductSyncService>().SyncAsync(product.Id);
            Assert.True(synced.Succeeded, synced.Message);
            await using (var db = await factory.CreateDbContextAsync())
            {
                destinationItem = (await db.VariantLinks.FirstAsync()).DestinationInventoryItemId;
            }
            var sourceItem = product.Variants.OrderBy(v => v.Position).First().InventoryItemId!.Value;

            // The Destination fails every call; a stock change at the Source cannot reach it.
            first.DemoStore("northwind-outlet").Faults.ServerErrorRate = 1;
            wanted = product.Variants.OrderBy(v => v.Position).First().Quantity + 11;
            var urban = first.DemoStore("urban-threads");
            using (var http = new HttpClient { BaseAddress = new Uri(urban.BaseUrl, "admin/api/2025-07/") })
            {
                http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "shpat_demo_urban_threads");
                using var set = await http.PostAsJsonAsync("inventory_levels/set.json", new { location_id = urban.PrimaryLocationId, inventory_item_id = sourceItem, available = wanted });
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            }
            await EventuallyAsync(async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                return await db.PendingInventoryUpdates.AnyAsync(p => p.SourceInventoryItemId == sourceItem && p.Attempts > 0);
            }, "the update failed and is kept, pending");
            Assert.NotEqual(wanted, DestinationLevel(first, destinationItem));
        }

        // Restarted (the Destination answers again): the pending update is applied, and none is left.
        await using var second = await DashboardApp.StartAsync(settings, _data);
        await second.WaitUntilReadyAsync();
        await EventuallyAsync(() => Task.FromResult(DestinationLevel(second, destinationItem) == wanted), "the pending update reaches the Destination");
        var again = second.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
        await EventuallyAsync(async () =>
        {
            await using var db = await again.CreateDbContextAsync();
            return !await db.PendingInventoryUpdates.AnyAsync();
        }, "no update is left pending");
    }

    private static int? DestinationLevel(DashboardApp app, long item)
    {
        var store = app.DemoStore("northwind-outlet");
        return store.Catalogue.ListInventoryLevels(new HashSet<long> { item }, new HashSet<long> { store.PrimaryLocationId }).Single().Available;
    }

    private static Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30) => Eventually.HoldsAsync(condition, what, seconds);

    private Dictionary<string, string?> Settings()
    {
        var settings = RestartSettings.For(adapter);
        settings["Shopify:MaxRetryAttempts"] = "1";
        return settings;
    }
}
