using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Connections;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Products;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// Resync on demand (selected products or a whole Source) and the Bulk Mapper's stock alignment, as jobs
/// with progress, which Cancel stops where they are.
/// </summary>
public abstract class ResyncTests(StoreApi adapter) : ConvergenceTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : ResyncTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : ResyncTests(StoreApi.Rest);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            // No periodic pass and no sweep during these tests: what is repaired, the Resync repaired.
            settings["Reconciliation:Interval"] = "01:00:00";
            settings["Reconciliation:VerifyEvery"] = "1.00:00:00";
            settings["SyncDashboard:SweepInterval"] = "01:00:00";
            return settings;
        }
    }

    [Fact]
    public async Task ResyncOfAWholeSourceRepairsEveryLinkedProduct()
    {
        var links = new List<ProductLink> { await SyncAsync(), await SyncAsync(), await SyncAsync() };
        var northwind = Dashboard.DemoStore("northwind-outlet");
        northwind.Faults.WebhookDropRate = 1; // the drift below reaches no one
        foreach (var pair in links.SelectMany(l => l.Variants))
        {
            northwind.Catalogue.SetInventoryLevel(pair.DestinationInventoryItemId, northwind.PrimaryLocationId, 500);
        }
        var jobs = Get<JobService>();
        var urban = await ConnectionAsync("Urban Threads");

        var job = await jobs.StartResyncSourceAsync(urban.Id);
        var last = await JobWaits.UntilFinishedAsync(jobs, job.Id);

        Assert.Equal(JobStatus.Completed, last.Status);
        Assert.Equal(3, last.Succeeded);
        // Each item ends in step; the periodic pass (a link verified every 2 s here) may have repaired one a moment before the Resync reached it.
        var items = (await jobs.GetAsync(job.Id))!.Items;
        Assert.All(items, i => Assert.Contains("in step with Northwind Outlet", i.Message));
        Assert.Contains(items, i => i.Message!.Contains("brought in step with Northwind Outlet: stock of", StringComparison.Ordinal));
        Assert.All(links.SelectMany(l => l.Variants), p => Assert.Equal(SourceStock("urban-threads", p.SourceInventoryItemId), DestinationStock(p.DestinationInventoryItemId)));
        var hearth = await ConnectionAsync("Hearth & Home");
        await Assert.ThrowsAsync<ArgumentException>(() => jobs.StartResyncSourceAsync(hearth.Id)); // nothing linked there
    }

    [Fact]
    public async Task ChangingASourcesSettingsChecksItsLinksAtOnceEvenOnesMadeAMomentAgo()
    {
        var link = await SyncAsync(); // a link seconds old, with no periodic pass due for a day
        var urban = await ConnectionAsync("Urban Threads");
        var rule = new PriceRule(10, 0, PriceRounding.To99);

        await Get<StoreConnectionService>().UpdateSettingsAsync(urban.Id, SourceSettings.Of(urban) with { PriceRule = rule });

        var sourcePrices = (await ProductAsync("urban-threads", link.SourceProductId))["variants"]!.AsArray().Select(v => Price(v!["price"])).ToList();
        await EventuallyAsync(async () => (await ProductAsync("northwind-outlet", link.DestinationProductId))["variants"]!.AsArray()
            .Select(v => Price(v!["price"])).SequenceEqual(sourcePrices.Select(rule.Apply)), "the copy's prices follow the new rule", seconds: 20);
    }

    private static decimal Price(System.Text.Json.Nodes.JsonNode? price) =>
        decimal.Parse(price!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task OpeningTheDetailsReadsBothStoresAndShowsTheRepairedQuantities()
    {
        var link = await SyncAsync();
        var northwind = Dashboard.DemoStore("northwind-outlet");
        northwind.Faults.WebhookDropRate = 1; // the hand change below reaches no one
        var pair = link.Variants[0];
        northwind.Catalogue.SetInventoryLevel(pair.DestinationInventoryItemId, northwind.PrimaryLocationId, 555);
        await using var db = await DbAsync();
        var source = await db.Products.AsNoTracking().SingleAsync(p => p.StoreId == link.SourceStoreId && p.ExternalId == link.SourceProductId);

        Assert.True(await Get<ILinkCheck>().CheckProductAsync(source.Id));

        var expected = SourceStock("urban-threads", pair.SourceInventoryItemId);
        Assert.Equal(expected, DestinationStock(pair.DestinationInventoryItemId));
        var shown = (await Get<IProductQueryService>().GetDetailsAsync(source.Id))!.Link!.Pairs.Single(p => p.Sku == pair.Sku);
        Assert.Equal((expected, expected), (shown.SourceQuantity, shown.DestinationQuantity));
        var unlinked = await SyncableAsync(link.SourceStoreId);
        Assert.False(await Get<ILinkCheck>().CheckProductAsync(unlinked.Id));
    }

    [Fact]
    public async Task CancelStopsARunningResyncWhereItIs()
    {
        var report = await Get<BulkMapper>().RunAsync(dryRun: false);
        Assert.True(report.CreatedLinkIds.Count >= 5);
        var northwind = Dashboard.DemoStore("northwind-outlet");
        northwind.Faults.WebhookDropRate = 1;
        await using (var db = await DbAsync())
        {
            foreach (var pair in await db.VariantLinks.AsNoTracking().ToListAsync())
            {
                northwind.Catalogue.SetInventoryLevel(pair.DestinationInventoryItemId, northwind.PrimaryLocationId, 700);
            }
        }
        northwind.Faults.AddedLatency = TimeSpan.FromMilliseconds(400); // each repair takes a while
        var jobs = Get<JobService>();
        var urban = await ConnectionAsync("Urban Threads");

        var job = await jobs.StartResyncSourceAsync(urban.Id);
        var seen = new List<JobProgress>();
        // REST writes a level a call, so each product finishes on its own; GraphQL writes all these levels in one
        // call, so there "where it is" is before that call (while both stores are read).
        var at = Adapter == StoreApi.Rest ? "Checked 2 " : "Checked 0 ";
        var last = await CancelWhenAsync(jobs, job.Id, detail => detail.StartsWith(at, StringComparison.Ordinal), seen);
        northwind.Faults.Clear();

        Assert.Equal(JobStatus.Cancelled, last.Status);
        var saved = (await jobs.GetAsync(job.Id))!;
        Assert.Contains(saved.Items, i => i.Status == JobItemStatus.Skipped && i.Message == "Cancelled while it ran.");
        Assert.DoesNotContain(saved.Items, i => i.Status == JobItemStatus.Pending);
        if (Adapter == StoreApi.GraphQL)
        {
            Assert.All(saved.Items, i => Assert.Equal(JobItemStatus.Skipped, i.Status));
            await using var unchanged = await DbAsync();
            Assert.All(await unchanged.VariantLinks.AsNoTracking().ToListAsync(), p => Assert.Equal(700, DestinationStock(p.DestinationInventoryItemId)));
            return;
        }
        // What was checked before the cancel counts as done, and its repairs are in the Activity Log.
        var done = saved.Items.Where(i => i.Status == JobItemStatus.Succeeded).ToList();
        Assert.NotEmpty(done);
        Assert.All(done, i => Assert.Contains("brought in step with Northwind Outlet", i.Message));
        Assert.Equal(done.Count, saved.Succeeded);
        // Each product counts (and is saved) as soon as it is checked, not at the end of its batch of 50.
        Assert.Contains(seen, p => p.Status == JobStatus.Running && p.Done > 0);
        var log = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Reconciliation });
        Assert.Contains(log.Entries, e => e.Message.StartsWith("Resync: ", StringComparison.Ordinal));
        await using var context = await DbAsync();
        // What was repaired before the cancel stays repaired; the rest waits for the reconciliation.
        var pairs = await context.VariantLinks.AsNoTracking().ToListAsync();
        Assert.Contains(pairs, p => DestinationStock(p.DestinationInventoryItemId) == 700);
    }

    [Fact]
    public async Task CancelStopsABulkMapWhileItBringsStockInStepAndItsLinksStay()
    {
        var northwind = Dashboard.DemoStore("northwind-outlet");
        northwind.Faults.AddedLatency = TimeSpan.FromMilliseconds(400); // each stock repair takes a while
        var jobs = Get<JobService>();

        var job = await jobs.StartBulkMapAsync(dryRun: false);
        var last = await CancelWhenAsync(jobs, job.Id, detail => detail.StartsWith("Bringing the mapped products in step:", StringComparison.Ordinal));
        northwind.Faults.Clear();

        Assert.Equal(JobStatus.Cancelled, last.Status);
        var urban = await ConnectionAsync("Urban Threads");
        await using var db = await DbAsync();
        var links = await db.ProductLinks.AsNoTracking().Include(l => l.Variants).Where(l => l.Kind == LinkKind.Mapped).ToListAsync();
        Assert.True(links.Count >= 5); // the links stay
        var pairs = links.SelectMany(l => l.Variants.Select(v => (Store: l.SourceStoreId == urban.Id ? "urban-threads" : "hearth-and-home", Pair: v)));
        // Stopped where it was: some mapped pairs still wait for the reconciliation.
        Assert.Contains(pairs, p => DestinationStock(p.Pair.DestinationInventoryItemId) != SourceStock(p.Store, p.Pair.SourceInventoryItemId));
        var log = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Job });
        Assert.Contains(log.Entries, e => e.Message == "Bulk map of the catalogue started.");
        Assert.Contains(log.Entries, e => e.Message == "Bulk map cancelled: the links it made stay, and the reconciliation brings their stock in step.");
        // ... at once, not at its periodic pass (none runs in these tests): the cancelled run handed them over.
        await EventuallyAsync(async () =>
        {
            await using var context = await DbAsync();
            return await context.ProductLinks.AllAsync(l => l.LastVerifiedAt != null && l.State == Core.Catalogue.LinkState.InStep);
        }, "every link the cancelled Bulk Map made is verified and in step", 60);
    }

    /// <summary>Watches a job, cancels it the first time its detail matches <paramref name="when"/>, and returns its last progress.</summary>
    private static async Task<JobProgress> CancelWhenAsync(JobService jobs, Guid jobId, Func<string, bool> when, List<JobProgress>? seen = null)
    {
        JobProgress? last = null;
        var cancelled = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await foreach (var progress in jobs.WatchAsync(jobId, timeout.Token))
        {
            if (!cancelled && progress.Detail is { } detail && when(detail))
            {
                Assert.True(await jobs.CancelAsync(jobId));
                cancelled = true;
            }
            last = progress;
            seen?.Add(progress);
        }
        Assert.True(cancelled, "the job finished before the moment to cancel it came");
        return last!;
    }
}
