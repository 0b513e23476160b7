using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// A reconciliation over most of a store's catalogue reads it whole, once (a bulk operation on
/// GraphQL), rather than product by product; what that read does not find is gone; and the stock of
/// many links goes to the Destination in as few calls as the store takes (250 levels a call on GraphQL).
/// </summary>
public abstract class WholeCatalogueReadTests(StoreApi adapter) : ConvergenceTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : WholeCatalogueReadTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : WholeCatalogueReadTests(StoreApi.Rest);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Reconciliation:WholeCatalogueReadFrom"] = "2";
            settings["Reconciliation:Interval"] = "01:00:00"; // only the run under test reads the stores
            return settings;
        }
    }

    [Fact]
    public async Task AReconciliationOfMostOfTheCatalogueReadsEachStoreWholeOnceFindsWhatIsGoneAndWritesStockTogether()
    {
        var report = await Get<BulkMapper>().RunAsync(dryRun: false);
        var northwind = Dashboard.DemoStore("northwind-outlet");
        northwind.Faults.WebhookDropRate = 1; // what happens below reaches the dashboard only through the reconciliation
        List<Core.Linking.ProductLink> links;
        await using (var db = await DbAsync())
        {
            links = await db.ProductLinks.AsNoTracking().Include(l => l.Variants).ToListAsync();
            var destinationProducts = await db.Products.CountAsync(p => p.StoreId == links[0].DestinationStoreId);
            Assert.True(links.Count * 2 >= destinationProducts, $"the links cover half of the Destination's {destinationProducts} products");
        }
        Assert.Equal(report.CreatedLinkIds.Count, links.Count);
        var gone = links[0];
        northwind.Catalogue.DeleteProduct(gone.DestinationProductId);
        var kept = links.Skip(1).ToList();
        var levels = kept.SelectMany(l => l.Variants).ToList();
        foreach (var pair in levels)
        {
            northwind.Catalogue.SetInventoryLevel(pair.DestinationInventoryItemId, northwind.PrimaryLocationId, 700);
        }
        var before = northwind.Stats.ByOperation.ToDictionary();
        long Delta(string operation) => northwind.Stats.ByOperation.GetValueOrDefault(operation) - before.GetValueOrDefault(operation);

        var run = await Get<Reconciler>().ReconcileAsync([.. links.Select(l => l.Id)], new ReconcileRun { Trigger = "Test", LogSummary = false });

        Assert.Equal(LinkOutcomeKind.Unlinked, run.Outcomes.Single(o => o.LinkId == gone.Id).Kind);
        Assert.All(run.Outcomes.Where(o => o.LinkId != gone.Id), o => Assert.Equal(LinkOutcomeKind.Repaired, o.Kind));
        foreach (var link in kept)
        {
            // A draft or archived Source product's listing is kept with stock 0 (the Source's setting); the others follow the Source.
            var store = StoreOf(link.SourceStoreId);
            var active = Dashboard.DemoStore(store).Catalogue.GetProduct(link.SourceProductId)["status"]!.GetValue<string>() == "active";
            Assert.All(link.Variants, p => Assert.Equal(active ? SourceStock(store, p.SourceInventoryItemId) : 0, DestinationStock(p.DestinationInventoryItemId)));
        }
        if (Adapter == StoreApi.GraphQL)
        {
            Assert.Equal(0, Delta("GraphQL product")); // no product read by id
            Assert.Equal(1, Delta("GraphQL bulkOperationRunQuery"));
            // Two Sources, each its own batch: at most one write call per Source for these few levels.
            Assert.InRange(Delta("GraphQL inventorySetQuantities"), 1, kept.Select(l => l.SourceStoreId).Distinct().Count());
        }
        else
        {
            Assert.Equal(levels.Count, Delta("POST inventory_levels/set.json")); // REST sets a level a call
        }
        await using var context = await DbAsync();
        Assert.False(await context.ProductLinks.AnyAsync(l => l.Id == gone.Id));
    }

    private static string StoreOf(int storeId) => storeId == 2 ? "urban-threads" : "hearth-and-home";
}
