using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Jobs;
using SyncDashboard.DemoStores;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

public abstract class StoreSettingsTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : StoreSettingsTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : StoreSettingsTests(StoreApi.Rest);

    [Fact]
    public async Task SettingsAreSavedAndDisconnectingWithDeleteRemovesTheSyncedCopies()
    {
        var service = Get<StoreConnectionService>();
        var urban = await ConnectionAsync("Urban Threads");
        var rule = new PriceRule(20, 1.5m, PriceRounding.To99, CompareAtPriceMode.SameRule);
        await service.UpdateSettingsAsync(urban.Id, new SourceSettings(ProductFieldSync.Title | ProductFieldSync.Prices, ProductFieldSync.Vendor, rule, null,
            SourceDeletePolicy.Delete));
        var saved = await ConnectionAsync("Urban Threads");
        Assert.Equal(ProductFieldSync.Title | ProductFieldSync.Prices, saved.SyncedFields);
        Assert.Equal(ProductFieldSync.Vendor, saved.MappedFields);
        Assert.Equal(rule, saved.PriceRule);
        Assert.Equal(SourceDeletePolicy.Delete, saved.DeletePolicy);
        var logged = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Connection });
        Assert.Contains(logged.Entries, e => e.Message == "Saved the settings of Urban Threads: synced products follow stock, title, prices; " +
            "mapped products follow stock, vendor; prices: 19.90 becomes 25.99; stock of all locations; " +
            "when a Source product ends, the copy is deleted (a mapped listing is kept with stock 0).");

        // Invalid settings are refused with every reason, and nothing is saved.
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => service.UpdateSettingsAsync(urban.Id,
            SourceSettings.Of(saved) with { PriceRule = new PriceRule(-150, 500_000) }));
        Assert.Contains("The markup must be between -90% and 1,000%.", refused.Message);
        Assert.Contains("The fixed amount must be between", refused.Message);
        Assert.Equal(rule, (await ConnectionAsync("Urban Threads")).PriceRule);
        var location = await Assert.ThrowsAsync<ArgumentException>(() => service.UpdateSettingsAsync(urban.Id, SourceSettings.Of(saved) with { LocationId = 42 }));
        Assert.Contains("has no location 42", location.Message);

        var healthy = await SyncableAsync(urban.Id);
        var synced = await Get<ProductSyncService>().SyncAsync(healthy.Id);
        var destination = Dashboard.DemoStore("northwind-outlet");
        var before = destination.ProductCount;

        var urbanStore = Dashboard.DemoStore("urban-threads");
        Assert.NotEmpty(urbanStore.Catalogue.ListWebhooks());
        // The Owner disconnects it as a job (progress, resumable), deleting the copies synced from it.
        var actors = Get<SyncDashboard.Core.Users.DashboardActors>();
        actors.Current = new SyncDashboard.Core.Users.DashboardActor("olivia", new HashSet<string> { SyncDashboard.Core.Users.DashboardRoles.Owner });
        var job = await Get<JobService>().StartDisconnectAsync(urban.Id, deleteCopies: true);
        actors.Current = null;
        var details = new List<string>();
        await foreach (var progress in Get<JobService>().WatchAsync(job.Id))
        {
            if (progress.Detail is { } detail)
            {
                details.Add(detail);
            }
        }
        var message = (await Get<JobService>().GetAsync(job.Id))!.Items.Single().Message;

        Assert.Equal("Disconnected Urban Threads: 1 Destination product synced from it deleted, 0 other links ended (mapped listings kept). " +
            "Its webhook subscriptions to this dashboard were removed.", message);
        Assert.Contains("Deleted 1 of 1 Destination copies.", details);
        var byOlivia = await Get<SyncDashboard.Core.Activity.ActivityLog>().QueryAsync(new SyncDashboard.Core.Activity.ActivityQuery { User = "olivia" });
        Assert.Contains(byOlivia.Entries, e => e.Message == message);
        Assert.Empty(urbanStore.Catalogue.ListWebhooks()); // a store no longer connected stops delivering
        Assert.Equal(before - 1, destination.ProductCount);
        Assert.Throws<DemoStoreNotFoundException>(() => destination.Catalogue.GetProduct(synced.DestinationProductId!.Value));
        await using var db = await DbAsync();
        Assert.False(await db.StoreConnections.AnyAsync(c => c.Id == urban.Id));
        Assert.False(await db.Products.AnyAsync(p => p.StoreId == urban.Id));
        Assert.Equal(0, await db.ProductLinks.CountAsync());
    }

    [Fact]
    public async Task DemoConsoleChangesStockAndTitleInTheSourceStore()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var product = await MirroredAsync(urban.Id, q => q.Where(p => p.Problem == SkuProblem.None));
        var variant = product.Variants.OrderBy(v => v.Position).First();
        var console = Get<DemoConsole>();

        Assert.Equal(77, await console.SetQuantityAsync(variant.Id, 77));
        await console.RenameAsync(product.Id, "Renamed by the console");

        var stored = Dashboard.DemoStore("urban-threads").Catalogue.GetProduct(product.ExternalId);
        Assert.Equal("Renamed by the console", stored["title"]!.GetValue<string>());
        Assert.Equal(77, stored["variants"]!.AsArray().Single(v => v!["id"]!.GetValue<long>() == variant.ExternalId)!["inventory_quantity"]!.GetValue<int>());
        await Assert.ThrowsAsync<ArgumentException>(() => console.RenameAsync(product.Id, " "));
    }
}
