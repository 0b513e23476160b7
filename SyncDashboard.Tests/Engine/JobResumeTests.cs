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

namespace SyncDashboard.Tests.Engine;

/// <summary>A job interrupted by the app stopping is resumed at the next start, on the same data, without repeating finished items.</summary>
public sealed class JobResumeTests : IDisposable
{
    private const int ProductCount = 6;
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AJobStoppedWhileRunningResumesAfterARestartWithoutRepeatingFinishedItemsOrMakingDuplicates()
    {
        // The same ports for both runs: the connections saved in the database keep their addresses.
        var settings = Settings(FreePort.Next(), FreePort.Next(), FreePort.Next());
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

    private static Dictionary<string, string?> Settings(int destinationPort, int urbanPort, int hearthPort) => new()
    {
        ["DemoStores:Catalogue:ProductsPerSource"] = "40",
        ["DemoStores:Catalogue:DestinationOnlyProducts"] = "10",
        ["DemoStores:Catalogue:DuplicateSkuShare"] = "0.1",
        ["DemoStores:Stores:1:CsvCatalogues:0"] = "apparel.csv",
        ["Shopify:AttemptTimeout"] = "00:00:02",
        ["Shopify:BaseRetryDelay"] = "00:00:00.2",
        ["Stores:Destination:BaseUrl"] = $"http://127.0.0.1:{destinationPort}",
        ["Stores:Sources:0:BaseUrl"] = $"http://127.0.0.1:{urbanPort}",
        ["Stores:Sources:1:BaseUrl"] = $"http://127.0.0.1:{hearthPort}",
        ["DemoStores:Stores:0:Port"] = destinationPort.ToString(CultureInfo.InvariantCulture),
        ["DemoStores:Stores:1:Port"] = urbanPort.ToString(CultureInfo.InvariantCulture),
        ["DemoStores:Stores:2:Port"] = hearthPort.ToString(CultureInfo.InvariantCulture),
    };
}
