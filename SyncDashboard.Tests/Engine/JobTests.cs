using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Syncing;

using SyncDashboard.Tests.Infrastructure;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>Persisted background jobs through the real app and demo stores: progress, refusal, cancel, bulk map, resync.</summary>
public abstract class JobTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : JobTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : JobTests(StoreApi.Rest);

    [Fact]
    public async Task BulkSyncJobOfFiveHealthyProductsCompletesWithProgressReachingTotalAndCreatesExactlyFiveDestinationProducts()
    {
        var jobs = Get<JobService>();
        var products = await HealthyAsync(5);
        var destination = Dashboard.DemoStore("northwind-outlet");
        var before = destination.ProductCount;
        var events = new ConcurrentQueue<JobProgress>();
        void OnProgress(JobProgress p) => events.Enqueue(p);
        jobs.ProgressChanged += OnProgress;

        var job = await jobs.StartBulkSyncAsync([.. products.Select(p => p.Id)]);
        var last = await JobWaits.UntilFinishedAsync(jobs, job.Id);
        jobs.ProgressChanged -= OnProgress;

        Assert.Equal(JobStatus.Completed, last.Status);
        Assert.Equal((5, 5, 5, 0), (last.Total, last.Done, last.Succeeded, last.Failed));
        var mine = events.Where(e => e.JobId == job.Id).ToList();
        Assert.Equal([1, 2, 3, 4, 5], mine.Where(e => e.Status == JobStatus.Running && e.Done > 0).Select(e => e.Done).Distinct());
        Assert.Equal(JobStatus.Completed, mine[^1].Status);

        Assert.Equal(before + 5, destination.ProductCount);
        var urban = await ConnectionAsync("Urban Threads");
        foreach (var product in products)
        {
            Assert.Single(Copies.Of(destination, urban.ShopDomain!, product.ExternalId));
        }

        var saved = (await jobs.GetAsync(job.Id))!;
        Assert.Equal(JobStatus.Completed, saved.Status);
        Assert.NotNull(saved.StartedAt);
        Assert.NotNull(saved.FinishedAt);
        Assert.Equal(products.Select(p => p.Id), saved.Items.Select(i => i.SubjectId));
        Assert.All(saved.Items, i => Assert.Equal(JobItemStatus.Succeeded, i.Status));
        Assert.All(saved.Items, i => Assert.StartsWith("Synced \"", i.Message));
        Assert.Contains(await jobs.ListRecentAsync(), j => j.Id == job.Id);

        var log = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Job });
        Assert.Contains(log.Entries, e => e.Message == "Bulk sync of 5 items started.");
        Assert.Contains(log.Entries, e => e.Message == "Bulk sync of 5 items finished: 5 succeeded, 0 failed." && e.Severity == ActivitySeverity.Success);
    }

    [Fact]
    public async Task BulkUnsyncOfTwentySixProductsIsRefusedAndSavesNoJob()
    {
        var jobs = Get<JobService>();
        var urban = await ConnectionAsync("Urban Threads");
        var synced = (await HealthyAsync(1))[0];
        await Get<ProductSyncService>().SyncAsync(synced.Id);
        await using var db = await DbAsync();
        var ids = await db.Products.Where(p => p.StoreId == urban.Id && p.Id != synced.Id).Select(p => p.Id).Take(25).ToListAsync();
        ids.Add(synced.Id);
        var destinationCount = Dashboard.DemoStore("northwind-outlet").ProductCount;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => jobs.StartBulkUnsyncAsync(ids, UnsyncMode.Delete));

        Assert.StartsWith("At most 25 products can be unsynced at once; 26 were selected. Nothing was changed.", error.Message);
        Assert.Equal(0, await db.Jobs.CountAsync());
        Assert.Equal(0, await db.JobItems.CountAsync());
        Assert.Empty(await jobs.ListRecentAsync());
        Assert.Equal(1, await db.ProductLinks.CountAsync());
        Assert.Equal(destinationCount, Dashboard.DemoStore("northwind-outlet").ProductCount);
    }

    [Fact]
    public async Task BulkUnsyncJobDeletesTheDestinationCopies()
    {
        var jobs = Get<JobService>();
        var products = await HealthyAsync(2);
        var sync = Get<ProductSyncService>();
        foreach (var product in products)
        {
            Assert.True((await sync.SyncAsync(product.Id)).Succeeded);
        }
        var destination = Dashboard.DemoStore("northwind-outlet");
        var count = destination.ProductCount;

        var job = await jobs.StartBulkUnsyncAsync([.. products.Select(p => p.Id)], UnsyncMode.Delete);
        var last = await JobWaits.UntilFinishedAsync(jobs, job.Id);

        Assert.Equal(JobStatus.Completed, last.Status);
        Assert.Equal(2, last.Succeeded);
        Assert.Equal(UnsyncMode.Delete, JobService.ParametersOf((await jobs.GetAsync(job.Id))!).UnsyncMode);
        Assert.Equal(count - 2, destination.ProductCount);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.ProductLinks.CountAsync());
    }

    [Fact]
    public async Task CancellingASlowSyncJobStopsBeforeTheNextItemAndSkipsTheRest()
    {
        var jobs = Get<JobService>();
        var products = await HealthyAsync(10);
        var destination = Dashboard.DemoStore("northwind-outlet");
        var before = destination.ProductCount;
        destination.Faults.AddedLatency = TimeSpan.FromMilliseconds(300);

        var job = await jobs.StartBulkSyncAsync([.. products.Select(p => p.Id)]);
        var cancelRequested = false;
        JobProgress? last = null;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            await foreach (var progress in jobs.WatchAsync(job.Id, timeout.Token))
            {
                if (progress.Done >= 1 && !cancelRequested)
                {
                    Assert.True(await jobs.CancelAsync(job.Id));
                    cancelRequested = true;
                }
                last = progress;
            }
        }
        destination.Faults.Clear();

        Assert.NotNull(last);
        Assert.Equal(JobStatus.Cancelled, last.Status);
        Assert.True(last.CancelRequested);
        Assert.InRange(last.Done, 1, last.Total - 1);
        var saved = (await jobs.GetAsync(job.Id))!;
        Assert.Equal(JobStatus.Cancelled, saved.Status);
        Assert.Equal(last.Done, saved.Items.Count(i => i.Status == JobItemStatus.Succeeded));
        Assert.Equal(saved.Total - saved.Done, saved.Items.Count(i => i.Status == JobItemStatus.Skipped));
        Assert.DoesNotContain(saved.Items, i => i.Status == JobItemStatus.Pending);
        // Items are done in order: the finished ones first, then only skipped ones.
        Assert.All(saved.Items.Take(saved.Done), i => Assert.Equal(JobItemStatus.Succeeded, i.Status));
        Assert.Equal(before + saved.Done, destination.ProductCount);
        Assert.False(await jobs.CancelAsync(job.Id));

        var log = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Job });
        Assert.Contains(log.Entries, e => e.Message.StartsWith($"Bulk sync cancelled after {saved.Done} of 10 items", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancellingAQueuedJobCancelsItBeforeItStarts()
    {
        var jobs = Get<JobService>();
        var products = await HealthyAsync(4);
        var destination = Dashboard.DemoStore("northwind-outlet");
        destination.Faults.AddedLatency = TimeSpan.FromMilliseconds(300);
        var first = await jobs.StartBulkSyncAsync([products[0].Id, products[1].Id]);
        var second = await jobs.StartBulkSyncAsync([products[2].Id, products[3].Id]);

        Assert.True(await jobs.CancelAsync(second.Id));
        var firstDone = await JobWaits.UntilFinishedAsync(jobs, first.Id);
        destination.Faults.Clear();

        Assert.Equal(JobStatus.Completed, firstDone.Status);
        var saved = (await jobs.GetAsync(second.Id))!;
        Assert.Equal(JobStatus.Cancelled, saved.Status);
        Assert.Null(saved.StartedAt);
        Assert.Equal(0, saved.Done);
        Assert.All(saved.Items, i => Assert.Equal(JobItemStatus.Skipped, i.Status));
    }

    [Fact]
    public async Task TheSameWorkAskedForAgainWhileItRunsIsTheSameJob()
    {
        var jobs = Get<JobService>();
        var products = await HealthyAsync(3);
        var destination = Dashboard.DemoStore("northwind-outlet");
        destination.Faults.AddedLatency = TimeSpan.FromMilliseconds(300);
        var first = await jobs.StartBulkSyncAsync([products[0].Id, products[1].Id]);

        // A second click, or a second tab: the same products in another order.
        var again = await jobs.StartBulkSyncAsync([products[1].Id, products[0].Id]);
        var other = await jobs.StartBulkSyncAsync([products[0].Id, products[2].Id]);
        var unsync = await jobs.StartBulkUnsyncAsync([products[0].Id, products[1].Id], UnsyncMode.Keep);

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.NotEqual(first.Id, unsync.Id);
        // Asked for at the same instant (two tabs): still one job.
        var together = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => jobs.StartResyncAsync([products[2].Id]))));
        Assert.Single(together.Select(j => j.Id).Distinct());
        Assert.True(await jobs.CancelAsync(together[0].Id));
        Assert.True(await jobs.CancelAsync(other.Id));
        Assert.True(await jobs.CancelAsync(unsync.Id));
        await JobWaits.UntilFinishedAsync(jobs, first.Id);
        destination.Faults.Clear();
        // Once it has finished, the same work is a new job.
        Assert.NotEqual(first.Id, (await jobs.StartBulkSyncAsync([products[0].Id, products[1].Id])).Id);
    }

    [Fact]
    public async Task BulkMapJobReturnsTheReportAndKeepsItsCounts()
    {
        var jobs = Get<JobService>();

        var dry = await jobs.StartBulkMapAsync(dryRun: true);
        var dryDone = await JobWaits.UntilFinishedAsync(jobs, dry.Id);
        var dryReport = await jobs.GetMappingReportAsync(dry.Id);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.ProductLinks.CountAsync());

        var job = await jobs.StartBulkMapAsync();
        var last = await JobWaits.UntilFinishedAsync(jobs, job.Id);
        var report = await jobs.GetMappingReportAsync(job.Id);

        Assert.Equal(JobStatus.Completed, dryDone.Status);
        Assert.NotNull(dryReport);
        Assert.True(dryReport.DryRun);
        Assert.Equal(JobStatus.Completed, last.Status);
        Assert.Equal((1, 1, 1), (last.Total, last.Done, last.Succeeded));
        Assert.NotNull(report);
        Assert.False(report.DryRun);
        var mapped = report.Count(MappingOutcome.Mapped);
        Assert.True(mapped > 0);
        Assert.Equal(dryReport.Count(MappingOutcome.Mapped), mapped);
        Assert.Equal(mapped, await db.ProductLinks.CountAsync(l => l.Kind == LinkKind.Mapped));

        var item = Assert.Single((await jobs.GetAsync(job.Id))!.Items);
        Assert.Equal(JobItemStatus.Succeeded, item.Status);
        Assert.StartsWith($"{mapped:N0} mapped", item.Message);
        Assert.StartsWith($"Dry run: {mapped:N0} would be mapped", Assert.Single((await jobs.GetAsync(dry.Id))!.Items).Message);
        // Named as what they are on the Jobs page too: a dry run is never taken for a real run.
        Assert.Equal("Bulk Mapper dry run", (await jobs.GetResultAsync(dry.Id))!.Subject);
        Assert.Equal("Bulk map of the catalogue", (await jobs.GetResultAsync(job.Id))!.Subject);
        Assert.Equal(["Bulk map of the catalogue", "Bulk Mapper dry run"], (await jobs.ListRecentAsync()).Take(2).Select(j => j.Subject()));
        var log = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Job });
        Assert.Contains(log.Entries, e => e.Message == $"Bulk map finished: {item.Message}");
        Assert.Contains(log.Entries, e => e.Message == "Bulk map of the catalogue started."); // not "of 1 item"
        // A dry run is never logged as if it were a real one.
        Assert.Contains(log.Entries, e => e.Message == "Bulk Mapper dry run started (nothing is linked).");
        Assert.Contains(log.Entries, e => e.Message.StartsWith("Bulk Mapper dry run finished: Dry run: ", StringComparison.Ordinal));
        Assert.Single(log.Entries, e => e.Message == "Bulk map of the catalogue started.");
    }

    [Fact]
    public async Task BulkMapReportsAreKeptAcrossARestartTheNewestFive()
    {
        var jobs = Get<JobService>();
        var first = await jobs.StartBulkMapAsync(dryRun: true);
        await JobWaits.UntilFinishedAsync(jobs, first.Id);
        var report = (await jobs.GetMappingReportAsync(first.Id))!;

        // A restart: a new service over the same database.
        var restarted = new JobService(Get<IDbContextFactory<SyncDashboard.Core.Persistence.SyncDbContext>>(), Get<ActivityLog>(), TimeProvider.System,
            Get<SyncDashboard.Core.Users.DashboardActors>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<JobService>.Instance);
        var read = await restarted.GetMappingReportAsync(first.Id);

        Assert.NotNull(read);
        Assert.True(read.DryRun);
        Assert.Equal(report.Elapsed, read.Elapsed);
        Assert.Equal(report.Lines, read.Lines); // every line whole: outcome, reason, both products, store name, mirrored ids
        Assert.Equal(report.Counts, read.Counts);
        Assert.Contains(read.Lines, l => l.Outcome == MappingOutcome.Mapped && l.SourceStoreName is not null && l.SourceMirroredId is not null);

        for (var i = 0; i < JobService.ReportsKept; i++)
        {
            await JobWaits.UntilFinishedAsync(jobs, (await jobs.StartBulkMapAsync(dryRun: true)).Id);
        }
        Assert.Null(await restarted.GetMappingReportAsync(first.Id)); // the oldest of six is dropped
        await using var db = await DbAsync();
        Assert.Equal(JobService.ReportsKept, await db.JobMappingReports.CountAsync());
    }

    [Fact]
    public async Task BulkMapJobPublishesHowFarTheMapperIs()
    {
        var jobs = Get<JobService>();
        var events = new System.Collections.Concurrent.ConcurrentQueue<JobProgress>();
        void OnProgress(JobProgress p) => events.Enqueue(p);
        jobs.ProgressChanged += OnProgress;

        var job = await jobs.StartBulkMapAsync(dryRun: true);
        await JobWaits.UntilFinishedAsync(jobs, job.Id);
        jobs.ProgressChanged -= OnProgress;

        var details = events.Where(e => e.JobId == job.Id && e.ItemPercent is not null).ToList();
        Assert.NotEmpty(details);
        var total = (await jobs.GetMappingReportAsync(job.Id))!.Lines.Count;
        Assert.Equal($"Compared {total:N0} of {total:N0} Destination products.", details[^1].Detail);
        Assert.Equal(100, details[^1].ItemPercent);
        Assert.All(details, d => Assert.InRange(d.Percent, 0, 100));
    }

    [Theory]
    [InlineData(1, 0, 60.0, JobStatus.Running, 60.0)]
    [InlineData(4, 1, 50.0, JobStatus.Running, 37.5)]
    [InlineData(4, 2, null, JobStatus.Running, 50.0)]
    [InlineData(1, 1, 100.0, JobStatus.Completed, 100.0)]
    public void JobPercentCountsTheCurrentItemsOwnProgress(int total, int done, double? itemPercent, JobStatus status, double percent)
    {
        var progress = new JobProgress(Guid.NewGuid(), JobKind.BulkMap, status, total, done, done, 0, false, ItemPercent: itemPercent);

        Assert.Equal(percent, progress.Percent, 3);
    }

    [Fact]
    public async Task ResyncJobPushesALinkedProductsStockAndSyncsAnUnlinkedOne()
    {
        var jobs = Get<JobService>();
        var products = await HealthyAsync(2);
        var linked = await Get<ProductSyncService>().SyncAsync(products[0].Id);
        Assert.True(linked.Succeeded, linked.Message);
        var destination = Dashboard.DemoStore("northwind-outlet");
        var before = destination.ProductCount;

        var job = await jobs.StartResyncAsync([products[0].Id, products[1].Id]);
        var last = await JobWaits.UntilFinishedAsync(jobs, job.Id);

        Assert.Equal(JobStatus.Completed, last.Status);
        Assert.Equal(2, last.Succeeded);
        var items = (await jobs.GetAsync(job.Id))!.Items;
        Assert.Contains("in step with Northwind Outlet", items[0].Message);
        Assert.StartsWith("Synced \"", items[1].Message);
        Assert.Equal(before + 1, destination.ProductCount);
    }

    [Fact]
    public async Task StartingAJobWithNoProductsIsRefused()
    {
        var jobs = Get<JobService>();
        await Assert.ThrowsAsync<ArgumentException>(() => jobs.StartBulkSyncAsync([]));
        await using var db = await DbAsync();
        Assert.Equal(0, await db.Jobs.CountAsync());
    }

    private async Task<List<MirroredProduct>> HealthyAsync(int count)
    {
        var urban = await ConnectionAsync("Urban Threads");
        await using var db = await DbAsync();
        var products = await db.Syncable(urban.Id).OrderBy(p => p.Id).Take(count).ToListAsync();
        Assert.Equal(count, products.Count);
        return products;
    }

}

internal static class JobWaits
{
    /// <summary>Follows the job's live progress until it finishes; returns the last snapshot.</summary>
    public static async Task<JobProgress> UntilFinishedAsync(JobService jobs, Guid jobId, int timeoutSeconds = 120)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        JobProgress? last = null;
        await foreach (var progress in jobs.WatchAsync(jobId, timeout.Token))
        {
            last = progress;
        }
        Assert.NotNull(last);
        Assert.True(last.IsFinished, $"Job {jobId} is {last.Status}");
        return last;
    }
}
