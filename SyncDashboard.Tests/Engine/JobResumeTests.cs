using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Tests.Infrastructure;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>A job interrupted by the app stopping is resumed at the next start, on the same data, without repeating finished items.</summary>
public abstract class JobResumeTests(StoreApi adapter) : IDisposable
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : JobResumeTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : JobResumeTests(StoreApi.Rest);

    private const int ProductCount = 6;
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AJobStoppedWhileRunningResumesAfterARestartWithoutRepeatingFinishedItemsOrMakingDuplicates()
    {
        // The same ports for both runs: the connections saved in the database keep their addresses.
        var settings = RestartSettings.For(adapter);
        Guid jobId;
        List<MirroredProduct> products;
        int urbanId;
        int destinationBefore;
        Dictionary<long, string?> finishedBeforeStop;

        var first = await DashboardApp.StartAsync(settings, _data);
        await using (first)
        {
            await first.WaitUntilReadyAsync();
            var factory = first.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
            await using (var db = await factory.CreateDbContextAsync())
            {
                urbanId = (await db.StoreConnections.SingleAsync(c => c.Name == "Urban Threads")).Id;
                products = await db.Syncable(urbanId)
                    .OrderBy(p => p.Id).Take(ProductCount).ToListAsync();
            }
            Assert.Equal(ProductCount, products.Count);
            var destination = first.DemoStore("northwind-outlet");
            destinationBefore = destination.ProductCount;
            destination.Faults.AddedLatency = TimeSpan.FromMilliseconds(300);

            var jobs = first.Services.GetRequiredService<JobService>();
            jobId = (await jobs.StartBulkSyncAsync([.. products.Select(p => p.Id)])).Id;
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
            {
                await foreach (var progress in jobs.WatchAsync(jobId, timeout.Token))
                {
                    if (progress.Done >= 2)
                    {
                        Assert.Equal(JobStatus.Running, progress.Status);
                        Assert.True(progress.Done < progress.Total);
                        break;
                    }
                }
            }
            finishedBeforeStop = (await jobs.GetAsync(jobId))!.Items
                .Where(i => i.Status != JobItemStatus.Pending).ToDictionary(i => i.Id, i => i.Message);
            Assert.True(finishedBeforeStop.Count >= 2);
        } // The app stops here, in the middle of the job.

        var second = await DashboardApp.StartAsync(settings, _data);
        await using (second)
        {
            await second.WaitUntilReadyAsync();
            var jobs = second.Services.GetRequiredService<JobService>();
            var last = await JobWaits.UntilFinishedAsync(jobs, jobId);

            Assert.Equal(JobStatus.Completed, last.Status);
            Assert.Equal((ProductCount, ProductCount, ProductCount, 0), (last.Total, last.Done, last.Succeeded, last.Failed));
            var job = (await jobs.GetAsync(jobId))!;
            Assert.All(job.Items, i => Assert.Equal(JobItemStatus.Succeeded, i.Status));
            // The items finished before the stop were not run again (a rerun would say "Already linked").
            foreach (var (itemId, message) in finishedBeforeStop)
            {
                Assert.Equal(message, job.Items.Single(i => i.Id == itemId).Message);
            }
            Assert.True(job.Items.Count(i => i.Message == "Already linked to a Destination product.") <= 1);

            var log = await second.Services.GetRequiredService<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Job });
            var resumed = Assert.Single(log.Entries, e => e.Message.StartsWith($"Bulk sync of {ProductCount} items resumed after a restart", StringComparison.Ordinal));
            var left = int.Parse(resumed.Message.Split(": ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.InRange(left, 1, ProductCount - finishedBeforeStop.Count);

            // Exactly one Destination copy per product.
            Assert.Equal(destinationBefore + ProductCount, second.DemoStore("northwind-outlet").ProductCount);
            foreach (var product in products)
            {
                Assert.Single(Copies.Of(second.DemoStore("northwind-outlet"), "urban-threads.myshopify.com", product.ExternalId));
            }
            var factory = second.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            Assert.Equal(ProductCount, await db.ProductLinks.CountAsync());
            Assert.Empty(await db.SyncAttempts.ToListAsync());
        }
    }

    [Fact]
    public async Task AnItemFailingOnStoreErrorsKeepsItsTriesAndItsRetryWindowAcrossARestart()
    {
        var settings = RestartSettings.For(adapter);
        settings["DemoStores:Stores:0:Faults:ServerErrorRate"] = "1"; // the Destination is down, before and after the restart
        settings["Shopify:MaxRetryAttempts"] = "1";
        settings["Jobs:FirstRetryDelay"] = "00:00:00.5";
        settings["Jobs:MaxRetryDelay"] = "00:00:01";
        settings["Jobs:TransientRetryWindow"] = "00:00:12";
        Guid jobId;
        JobItem before;
        var first = await DashboardApp.StartAsync(settings, _data);
        await using (first)
        {
            await first.WaitUntilReadyAsync();
            var factory = first.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
            long productId;
            await using (var db = await factory.CreateDbContextAsync())
            {
                var urban = await db.StoreConnections.SingleAsync(c => c.Name == "Urban Threads");
                productId = (await db.Syncable(urban.Id).OrderBy(p => p.Id).FirstAsync()).Id;
            }
            jobId = (await first.Services.GetRequiredService<JobService>().StartBulkSyncAsync([productId])).Id;
            await Eventually.HoldsAsync(async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                return await db.JobItems.AnyAsync(i => i.JobId == jobId && i.Attempts >= 2);
            }, "the item has failed twice and waits to be tried again");
            await using (var db = await factory.CreateDbContextAsync())
            {
                before = await db.JobItems.AsNoTracking().SingleAsync(i => i.JobId == jobId);
            }
        } // stopped while the item waits

        var second = await DashboardApp.StartAsync(settings, _data);
        await using (second)
        {
            await second.WaitUntilReadyAsync();
            var jobs = second.Services.GetRequiredService<JobService>();
            var last = await JobWaits.UntilFinishedAsync(jobs, jobId);
            var item = (await jobs.GetAsync(jobId))!.Items.Single();

            Assert.Equal((JobStatus.Completed, 1), (last.Status, last.Failed));
            Assert.Equal(JobItemFailure.StoreError, item.Failure);
            Assert.Equal(before.FirstFailedAt, item.FirstFailedAt); // the window ran from the first failure, before the restart
            Assert.True(item.Attempts > before.Attempts, $"tries went on from {before.Attempts}: {item.Attempts}");
            Assert.Matches($@"\(tried {item.Attempts} times over (1[2-9]|[2-9]\d) seconds;", item.Message); // not given up short of the 12 s window
        }
    }

    [Fact]
    public async Task LinksWhoseMakerStoppedBeforeBringingThemInStepAreBroughtInStepRightAfterTheNextStart()
    {
        var settings = RestartSettings.For(adapter);
        int linkCount;
        var first = await DashboardApp.StartAsync(settings, _data);
        await using (first)
        {
            await first.WaitUntilReadyAsync();
            // The mapper links (as a Bulk Map job does before its stock step) and the app stops before anything checks them.
            var report = await first.Services.GetRequiredService<Core.Mapping.BulkMapper>().RunAsync(dryRun: false);
            linkCount = report.CreatedLinkIds.Count;
            Assert.True(linkCount >= 3, $"only {linkCount} links were made");
            await using var db = await first.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync();
            Assert.All(await db.ProductLinks.ToListAsync(), l => Assert.Null(l.LastVerifiedAt));
            Assert.True(await StockDiffersAsync(first), "some Destination stock differs from its Source before the restart");
        }

        var second = await DashboardApp.StartAsync(settings, _data);
        await using (second)
        {
            await second.WaitUntilReadyAsync();
            // Well within the periodic pass's five minutes: the start hands the unverified links to the reconciliation.
            var factory = second.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
            await Eventually.HoldsAsync(async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                return await db.ProductLinks.AllAsync(l => l.LastVerifiedAt != null);
            }, "every link is verified", 90);
            Assert.False(await StockDiffersAsync(second), "every mapped pair's stock equals its Source's");
            await using var check = await factory.CreateDbContextAsync();
            Assert.Equal(linkCount, await check.ProductLinks.CountAsync());
        }
    }

    [Fact]
    public async Task ABulkMapStoppedWhileBringingStockInStepResumesReportsEveryLinkItMadeAndFinishesTheirStock()
    {
        var settings = RestartSettings.For(adapter);
        Guid jobId;
        int linksBeforeStop;
        var first = await DashboardApp.StartAsync(settings, _data);
        await using (first)
        {
            await first.WaitUntilReadyAsync();
            first.DemoStore("northwind-outlet").Faults.AddedLatency = TimeSpan.FromMilliseconds(400);
            jobId = (await first.Services.GetRequiredService<JobService>().StartBulkMapAsync()).Id;
            var factory = first.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
            await Eventually.HoldsAsync(async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                return await db.ProductLinks.AnyAsync(l => l.LastVerifiedAt != null) && await db.ProductLinks.AnyAsync(l => l.LastVerifiedAt == null);
            }, "the job is bringing its links in step", 60);
            await using var check = await factory.CreateDbContextAsync();
            linksBeforeStop = await check.ProductLinks.CountAsync();
        } // The app stops in the middle of the stock step.

        var second = await DashboardApp.StartAsync(settings, _data);
        await using (second)
        {
            await second.WaitUntilReadyAsync();
            var jobs = second.Services.GetRequiredService<JobService>();
            var last = await JobWaits.UntilFinishedAsync(jobs, jobId);
            Assert.Equal(JobStatus.Completed, last.Status);
            var message = Assert.Single((await jobs.GetAsync(jobId))!.Items).Message!;
            Assert.StartsWith($"{linksBeforeStop} mapped", message, StringComparison.Ordinal); // not "0 mapped": the links made before the stop are this run's
            await Eventually.HoldsAsync(async () => !await StockDiffersAsync(second), "every mapped pair's stock equals its Source's", 60);
            var log = await second.Services.GetRequiredService<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Map });
            Assert.Contains(log.Entries, e => e.Message.StartsWith($"Bulk Mapper linked {linksBeforeStop} of", StringComparison.Ordinal));
        }
    }

    /// <summary>Whether any linked Destination variant of an active, tracked Source product has other stock than its Source (read in process).</summary>
    private static async Task<bool> StockDiffersAsync(DashboardApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync();
        var links = await db.ProductLinks.AsNoTracking().Include(l => l.Variants).ToListAsync();
        var destination = app.DemoStore("northwind-outlet");
        var urbanId = (await db.StoreConnections.SingleAsync(c => c.Name == "Urban Threads")).Id;
        foreach (var link in links)
        {
            var sourceName = link.SourceStoreId == urbanId ? "urban-threads" : "hearth-and-home";
            var source = app.DemoStore(sourceName);
            var product = source.Catalogue.GetProduct(link.SourceProductId);
            if ((string?)product["status"] != "active")
            {
                continue;
            }
            var tracked = product["variants"]!.AsArray().Where(v => (string?)v!["inventory_management"] == "shopify")
                .Select(v => (long)v!["id"]!).ToHashSet();
            foreach (var pair in link.Variants.Where(p => tracked.Contains(p.SourceVariantId)))
            {
                var sourceLevels = source.Catalogue.ListInventoryLevels(new HashSet<long> { pair.SourceInventoryItemId }, null);
                var wanted = Math.Max(0, sourceLevels.Sum(l => l.Available ?? 0));
                var actual = destination.Catalogue.ListInventoryLevels(new HashSet<long> { pair.DestinationInventoryItemId },
                    new HashSet<long> { destination.PrimaryLocationId }).SingleOrDefault()?.Available;
                if (sourceLevels.Count > 0 && actual != wanted)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
