using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// The dashboard with its demo stores and a fast reconciliation (a pass every half second, every link
/// verified every two seconds), and what the convergence tests do to the stores: change stock and
/// products through each store's own Admin API (over HTTP, as a merchant or another app would) and
/// read what the Destination ends up with.
/// </summary>
public abstract class ConvergenceTestBase(StoreApi adapter) : EngineTestBase(adapter)
{
    protected const string Api = "admin/api/2025-07/";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Reconciliation:Interval"] = "00:00:00.5";
            settings["Reconciliation:VerifyEvery"] = "00:00:02";
            settings["Reconciliation:RateShare"] = "1";
            settings["SyncDashboard:InventoryCoalesceWindow"] = "00:00:00.2";
            return settings;
        }
    }

    protected HttpClient Store(string name)
    {
        var store = Dashboard.DemoStore(name);
        var http = new HttpClient { BaseAddress = new Uri(store.BaseUrl, Api) };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", store.Options.AccessToken);
        return http;
    }

    /// <summary>
    /// The product as the store's API serves it, read in process (polling it over HTTP would spend the
    /// store's rate limit, which the engine under test needs).
    /// </summary>
    protected Task<JsonObject> ProductAsync(string store, long id) => Task.FromResult(Dashboard.DemoStore(store).Catalogue.GetProduct(id));

    protected async Task<JsonObject> PutProductAsync(string store, long id, object product)
    {
        using var http = Store(store);
        using var response = await http.PutAsJsonAsync($"products/{id}.json", new { product });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["product"]!.AsObject();
    }

    /// <summary>Sets a level through the store's API (its webhook follows, unless the store drops it).</summary>
    protected async Task SetStockAsync(string store, long itemId, int available, long? locationId = null)
    {
        using var http = Store(store);
        using var response = await http.PostAsJsonAsync("inventory_levels/set.json",
            new { location_id = locationId ?? Dashboard.DemoStore(store).PrimaryLocationId, inventory_item_id = itemId, available });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The Destination's available quantity of an item at its primary location (null: no level).</summary>
    protected int? DestinationStock(long itemId)
    {
        var store = Dashboard.DemoStore("northwind-outlet");
        return store.Catalogue.ListInventoryLevels(new HashSet<long> { itemId }, new HashSet<long> { store.PrimaryLocationId }).SingleOrDefault()?.Available;
    }

    /// <summary>A Source variant's quantity summed over its store's locations.</summary>
    protected int SourceStock(string store, long itemId) =>
        Dashboard.DemoStore(store).Catalogue.ListInventoryLevels(new HashSet<long> { itemId }, null).Sum(l => l.Available ?? 0);

    /// <summary>Syncs one product Sync creates anew; the link with its variant pairs.</summary>
    protected async Task<ProductLink> SyncAsync(Func<IQueryable<Core.Catalogue.MirroredProduct>, IQueryable<Core.Catalogue.MirroredProduct>>? pick = null)
    {
        var urban = await ConnectionAsync("Urban Threads");
        var source = await SyncableAsync(urban.Id, pick);
        var result = await Get<ProductSyncService>().SyncAsync(source.Id);
        Assert.True(result.Succeeded, result.Message);
        return await LinkOfSourceAsync(source.ExternalId);
    }

    /// <summary>A Destination product the Bulk Mapper would map, mapped alone with the Individual Mapper (as a merchant would).</summary>
    protected async Task<(ProductLink Link, MappingReportLine Line)> MapOneAsync(Func<MappingReportLine, bool>? pick = null)
    {
        var report = await Get<BulkMapper>().RunAsync(dryRun: true);
        var line = report.Lines.First(l => l.Outcome == MappingOutcome.Mapped && l.SourceStoreId == 2 && (pick?.Invoke(l) ?? true));
        await using var db = await DbAsync();
        var source = await db.Products.AsNoTracking().SingleAsync(p => p.StoreId == 2 && p.ExternalId == line.SourceProductId);
        var target = await db.Products.AsNoTracking().SingleAsync(p => p.StoreId == 1 && p.ExternalId == line.DestinationProductId);
        var mapper = Get<IndividualMapper>();
        var proposal = await mapper.ProposeAsync(source.Id, target.Id);
        Assert.Empty(await mapper.SaveAsync(source.Id, target.Id, proposal.SuggestedPairs));
        return (await LinkOfSourceAsync(source.ExternalId), line);
    }

    protected async Task<ProductLink> LinkOfSourceAsync(long sourceProductId)
    {
        await using var db = await DbAsync();
        return await db.ProductLinks.AsNoTracking().Include(l => l.Variants).SingleAsync(l => l.SourceProductId == sourceProductId);
    }

    protected async Task<ProductLink?> FindLinkAsync(long sourceProductId)
    {
        await using var db = await DbAsync();
        return await db.ProductLinks.AsNoTracking().Include(l => l.Variants).SingleOrDefaultAsync(l => l.SourceProductId == sourceProductId);
    }

    /// <summary>Waits until the link has been verified after <paramref name="since"/> (a reconciliation ran over it).</summary>
    protected async Task VerifiedSinceAsync(long sourceProductId, DateTimeOffset since, int seconds = 30) =>
        await EventuallyAsync(async () => (await FindLinkAsync(sourceProductId))?.LastVerifiedAt > since, "the link is verified again", seconds);

    protected static Task EventuallyAsync(Func<bool> condition, string what, int seconds = 30) => Eventually.HoldsAsync(condition, what, seconds);

    protected static Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30) => Eventually.HoldsAsync(condition, what, seconds);
}
