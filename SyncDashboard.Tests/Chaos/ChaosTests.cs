using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;
using SyncDashboard.Tests.Engine;
using SyncDashboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SyncDashboard.Tests.Chaos;

/// <summary>
/// The chaos suite: a bulk sync of 24 products and a storm of 120 Source stock changes, while the
/// Destination answers 20% of its calls with 5xx and goes through a 5-second throttle storm (429, or
/// THROTTLED on GraphQL: another client draining the bucket), the Sources drop 10% of their webhooks
/// and hold back 20% (so later ones overtake them), and the host is stopped in the middle of the job
/// and started again on the same data. Every random draw is seeded. Then, once the storm is over (the
/// faults still on), every product must converge within <see cref="ConvergenceLimit"/>: none missing,
/// none twice, every linked variant's Destination stock equal to its Source's, no background loop
/// stopped. The figures of each run are written to the test output (README "Chaos suite").
/// </summary>
public abstract class ChaosTests(StoreApi adapter, ITestOutputHelper output) : IDisposable
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL(ITestOutputHelper output) : ChaosTests(StoreApi.GraphQL, output);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest(ITestOutputHelper output) : ChaosTests(StoreApi.Rest, output);

    private const int ProductCount = 24;
    private const int StockChanges = 120;
    private const int Seed = 20261130;
    private static readonly TimeSpan ConvergenceLimit = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task UnderFaultsAndARestartMidJobEveryProductIsSyncedOnceAndEveryStockLevelConverges()
    {
        var settings = Settings();
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        Guid jobId;
        List<MirroredProduct> products;
        List<long> sourceItems;
        int destinationBefore;
        var faults = new FaultTally();

        var first = await DashboardApp.StartAsync(settings, _data);
        await using (first)
        {
            await first.WaitUntilReadyAsync();
            await using (var db = await Db(first))
            {
                var urban = await db.StoreConnections.SingleAsync(c => c.Name == "Urban Threads");
                products = await db.Syncable(urban.Id).OrderBy(p => p.Id).Take(ProductCount).ToListAsync();
                var ids = products.Select(p => p.Id).ToList();
                sourceItems = await db.Variants.Where(v => ids.Contains(v.ProductId) && v.Tracked && v.InventoryItemId != null)
                    .Select(v => v.InventoryItemId!.Value).ToListAsync();
            }
            Assert.Equal(ProductCount, products.Count);
            destinationBefore = first.DemoStore("northwind-outlet").ProductCount;
            TurnFaultsOn(first);

            var jobs = first.Services.GetRequiredService<JobService>();
            jobId = (await jobs.StartBulkSyncAsync([.. products.Select(p => p.Id)])).Id;
            var storm = StormAsync(first, sourceItems, random, StockChanges / 2);
            await Eventually.HoldsAsync(async () => (await jobs.GetProgressAsync(jobId))!.Done >= 10, "a third of the job done", 120);
            first.DemoStore("northwind-outlet").Faults.Force429For(TimeSpan.FromSeconds(5)); // a throttle storm
            await Task.Delay(TimeSpan.FromSeconds(2));
            await storm;
            var progress = (await jobs.GetProgressAsync(jobId))!;
            output.WriteLine($"Stopped the host at {progress.Done} of {progress.Total} items ({clock.Elapsed.TotalSeconds:0.0} s).");
            faults.Add(first);
        } // The host stops here, in the middle of the job.

        var second = await DashboardApp.StartAsync(settings, _data);
        await using (second)
        {
            await second.WaitUntilReadyAsync();
            TurnFaultsOn(second);
            var jobs = second.Services.GetRequiredService<JobService>();
            await StormAsync(second, sourceItems, random, StockChanges - (StockChanges / 2));
            var stormEnded = clock.Elapsed;
            var last = await JobWaits.UntilFinishedAsync(jobs, jobId, timeoutSeconds: 240);
            var jobEnded = clock.Elapsed;
            var destination = second.DemoStore("northwind-outlet");

            // Converged: every tracked variant of the synced products at its Source quantity, the faults still on.
            var wrong = await WrongLevelsAsync(second, sourceItems);
            var converging = Stopwatch.StartNew();
            while (wrong.Count > 0 && converging.Elapsed < ConvergenceLimit)
            {
                await Task.Delay(500);
                wrong = await WrongLevelsAsync(second, sourceItems);
            }
            var convergedAfter = clock.Elapsed - jobEnded;
            faults.Add(second);

            var result = (await jobs.GetResultAsync(jobId))!;
            var missing = products.Count(p => Copies.Of(destination, "urban-threads.myshopify.com", p.ExternalId).Count == 0);
            var twice = products.Count(p => Copies.Of(destination, "urban-threads.myshopify.com", p.ExternalId).Count > 1);
            var log = await second.Services.GetRequiredService<ActivityLog>().QueryAsync(new ActivityQuery { Kind = SyncDashboard.Core.Activity.ActivityKind.Failure, PageSize = 500 });
            var loopStops = log.Entries.Count(e => e.Message.Contains("hit an unexpected error", StringComparison.Ordinal));

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{adapter}: {ProductCount} products, {sourceItems.Count} tracked variants, {StockChanges} stock changes; " +
                $"Destination 5xx injected {faults.ServerErrors}, throttled {faults.Throttled}; Source webhooks dropped {faults.Dropped}, held back {faults.HeldBack}; " +
                $"job {last.Status} {last.Succeeded}/{last.Total} (most tries of an item: {result.Items.Max(i => i.Attempts)}); " +
                $"missing {missing}, duplicates {twice}, wrong stock levels {wrong.Count}, loop stops {loopStops}; " +
                $"job done {(jobEnded - stormEnded).TotalSeconds:0.0} s after the storm, every level right {convergedAfter.TotalSeconds:0.0} s after the job; whole run {clock.Elapsed.TotalSeconds:0} s."));

            Assert.True(faults.ServerErrors > 0 && faults.Throttled > 0 && faults.Dropped > 0 && faults.HeldBack > 0, "every fault happened");
            Assert.Equal((JobStatus.Completed, ProductCount, 0), (last.Status, last.Succeeded, last.Failed));
            Assert.Equal(0, missing);
            Assert.Equal(0, twice);
            Assert.Equal(destinationBefore + ProductCount, destination.ProductCount);
            Assert.Empty(wrong);
            Assert.Equal(0, loopStops);
            await using var db = await Db(second);
            Assert.Equal(ProductCount, await db.ProductLinks.CountAsync());
        }
    }

    /// <summary>The faults of the run, each store's random draws seeded.</summary>
    private static void TurnFaultsOn(DashboardApp app)
    {
        app.DemoStore("northwind-outlet").Faults.ServerErrorRate = 0.2;
        foreach (var source in new[] { "urban-threads", "hearth-and-home" })
        {
            var faults = app.DemoStore(source).Faults;
            faults.WebhookDropRate = 0.1;
            faults.WebhookDelayRate = 0.2;
            faults.WebhookMaxDelay = TimeSpan.FromSeconds(2);
        }
    }

    /// <summary>Changes random Source levels (the store's own change, with its webhook), about 20 a second.</summary>
    private static async Task StormAsync(DashboardApp app, IReadOnlyList<long> items, Random random, int changes)
    {
        var source = app.DemoStore("urban-threads");
        for (var i = 0; i < changes; i++)
        {
            source.Catalogue.SetInventoryLevel(items[random.Next(items.Count)], source.PrimaryLocationId, random.Next(0, 200));
            await Task.Delay(50);
        }
    }

    /// <summary>The Source items whose linked Destination level differs from the Source's quantity (or is missing).</summary>
    private static async Task<List<long>> WrongLevelsAsync(DashboardApp app, IReadOnlyList<long> sourceItems)
    {
        await using var db = await Db(app);
        var pairs = await db.VariantLinks.AsNoTracking().Where(v => sourceItems.Contains(v.SourceInventoryItemId))
            .Select(v => new { v.SourceInventoryItemId, v.DestinationInventoryItemId }).ToListAsync();
        var source = app.DemoStore("urban-threads");
        var destination = app.DemoStore("northwind-outlet");
        var wrong = sourceItems.Except(pairs.Select(p => p.SourceInventoryItemId)).ToList(); // not linked at all
        foreach (var pair in pairs)
        {
            var want = source.Catalogue.ListInventoryLevels(new HashSet<long> { pair.SourceInventoryItemId }, null).Sum(l => l.Available ?? 0);
            var have = destination.Catalogue.ListInventoryLevels(new HashSet<long> { pair.DestinationInventoryItemId }, new HashSet<long> { destination.PrimaryLocationId })
                .SingleOrDefault()?.Available;
            if (have != want)
            {
                wrong.Add(pair.SourceInventoryItemId);
            }
        }
        return wrong;
    }

    private static Task<SyncDbContext> Db(DashboardApp app) =>
        app.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync();

    private Dictionary<string, string?> Settings()
    {
        var settings = RestartSettings.For(adapter);
        settings["DemoStores:Stores:0:Faults:Seed"] = Seed.ToString(CultureInfo.InvariantCulture);
        settings["DemoStores:Stores:1:Faults:Seed"] = (Seed + 1).ToString(CultureInfo.InvariantCulture);
        settings["DemoStores:Stores:2:Faults:Seed"] = (Seed + 2).ToString(CultureInfo.InvariantCulture);
        settings["Shopify:AttemptTimeout"] = "00:00:03";
        settings["Jobs:FirstRetryDelay"] = "00:00:00.5";
        settings["Jobs:MaxRetryDelay"] = "00:00:04";
        // The reconciliation as configured by default (its share of each store's rate, its verification period): a faster
        // one spends a GraphQL Destination's whole bucket on verification reads, which is not what a merchant runs.
        settings["SyncDashboard:InventoryCoalesceWindow"] = "00:00:00.2";
        settings["SyncDashboard:SweepInterval"] = "00:00:10";
        return settings;
    }

    /// <summary>The faults the demo stores injected, over both runs of the host.</summary>
    private sealed class FaultTally
    {
        public long ServerErrors { get; private set; }
        public long Throttled { get; private set; }
        public long Dropped { get; private set; }
        public long HeldBack { get; private set; }

        public void Add(DashboardApp app)
        {
            var destination = app.DemoStore("northwind-outlet");
            ServerErrors += destination.Stats.InjectedErrors;
            Throttled += destination.Stats.Throttled + destination.Stats.GraphQLThrottled;
            foreach (var source in new[] { "urban-threads", "hearth-and-home" })
            {
                Dropped += app.DemoStore(source).WebhookDeliveries.Dropped;
                HeldBack += app.DemoStore(source).WebhooksHeldBack;
            }
        }
    }
}
