using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Stores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// A transient store fault does not fail a job's items for good: they are tried again within the job
/// (never creating a product twice), only rule refusals and errors that outlast the retries fail, the
/// job says which is which, and Retry queues the failed ones again.
/// </summary>
public abstract class JobRetryTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : JobRetryTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : JobRetryTests(StoreApi.Rest);

    private TimeSpan _window = TimeSpan.FromMinutes(2);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Jobs:FirstRetryDelay"] = "00:00:00.5";
            settings["Jobs:MaxRetryDelay"] = "00:00:01";
            settings["Jobs:TransientRetryWindow"] = _window.ToString();
            settings["Shopify:MaxRetryAttempts"] = "1"; // the job's retries, not the client's, are under test
            return settings;
        }
    }

    [Fact]
    public async Task ABulkSyncDuringADestinationOutageRetriesItsItemsAndSyncsEachProductOnce()
    {
        var jobs = Get<JobService>();
        var urban = await ConnectionAsync("Urban Threads");
        var products = await SyncableAsync(urban.Id, 6);
        var destination = Dashboard.DemoStore("northwind-outlet");
        var before = destination.ProductCount;
        destination.Faults.ServerErrorRate = 1; // every call fails: 5xx

        var job = await jobs.StartBulkSyncAsync([.. products.Select(p => p.Id)]);
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.JobItems.CountAsync(i => i.JobId == job.Id && i.Status == JobItemStatus.Pending && i.Attempts >= 2) >= 3;
        }, "items failing on store errors wait to be tried again, not failed");
        var waiting = (await jobs.GetResultAsync(job.Id))!;
        destination.Faults.ServerErrorRate = 0; // the store is well again
        var last = await JobWaits.UntilFinishedAsync(jobs, job.Id);

        Assert.Equal(0, waiting.Failed);
        Assert.Contains(waiting.Items, i => i.Message?.StartsWith("Failed on a store error, tried ", StringComparison.Ordinal) == true);
        Assert.Equal((JobStatus.Completed, 6, 0), (last.Status, last.Succeeded, last.Failed));
        var result = (await jobs.GetResultAsync(job.Id))!;
        Assert.Contains(result.Items, i => i.Attempts >= 2);
        Assert.Equal(before + 6, destination.ProductCount);
        foreach (var product in products)
        {
            Assert.Single(Copies.Of(destination, urban.ShopDomain!, product.ExternalId));
        }
        // The retried failures were not each an error in the log: only the job's end says anything.
        var failures = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Failure });
        Assert.DoesNotContain(failures.Entries, e => products.Any(p => e.Message.Contains(p.Title, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ErrorsThatOutlastTheRetriesFailAsStoreErrorsRefusalsAreNotRetriedAndRetryQueuesTheFailedAgain()
    {
        await RestartAsync(TimeSpan.FromSeconds(3));
        var jobs = Get<JobService>();
        var urban = await ConnectionAsync("Urban Threads");
        var healthy = await SyncableAsync(urban.Id, 2);
        var missingSku = await MirroredAsync(urban.Id, q => q.Where(p => p.Problem == SkuProblem.MissingSku));
        var destination = Dashboard.DemoStore("northwind-outlet");
        destination.Faults.ServerErrorRate = 1;

        var job = await jobs.StartBulkSyncAsync([healthy[0].Id, missingSku.Id, healthy[1].Id]);
        var last = await JobWaits.UntilFinishedAsync(jobs, job.Id);
        var result = (await jobs.GetResultAsync(job.Id))!;

        Assert.Equal((JobStatus.Completed, 0, 3), (last.Status, last.Succeeded, last.Failed));
        Assert.Equal([JobItemFailure.StoreError, JobItemFailure.Refused, JobItemFailure.StoreError], result.Items.Select(i => i.Failure));
        Assert.Equal((2, 1), (result.StoreErrors, result.Refused));
        Assert.Equal(1, result.Items[1].Attempts); // a rule's refusal is not tried again
        Assert.All(new[] { result.Items[0], result.Items[2] }, i =>
        {
            Assert.True(i.Attempts >= 2, $"{i.Subject} tried {i.Attempts} times");
            Assert.Matches(@"\(tried \d+ times over [3-9] seconds; Retry it once the store is well\)$", i.Message);
        });
        Assert.True(result.CanRetry);
        var log = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Job });
        Assert.Contains(log.Entries, e => e.Message == "Bulk sync of 3 items finished: 0 succeeded, 3 failed (1 refused by the rules, " +
            "2 on store errors that outlasted the retries: Retry those from the job's page).");
        // Each store error's last try is in the log (once), naming its product.
        var failures = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Failure });
        Assert.Single(failures.Entries, e => e.Message.StartsWith($"Sync of \"{healthy[0].Title}\" failed:", StringComparison.Ordinal));

        destination.Faults.ServerErrorRate = 0;
        // Once the store is well again (the client's circuit, opened by the outage, lets calls through).
        var client = Get<SyncDashboard.Core.Connections.StoreConnectionService>().ClientFor(await ConnectionAsync("Northwind Outlet"));
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await client.GetShopAsync();
                return true;
            }
            catch (StoreApiException)
            {
                return false;
            }
        }, "the Destination answers again");
        var retry = await jobs.RetryFailedAsync(job.Id);
        var retried = await JobWaits.UntilFinishedAsync(jobs, retry.Id);
        var one = await Assert.ThrowsAsync<KeyNotFoundException>(() => jobs.RetryFailedAsync(job.Id, itemId: -1));

        Assert.Equal((JobKind.BulkSync, 3), (retry.Kind, retry.Total)); // all failed ones, the refused one included
        Assert.Equal((2, 1), (retried.Succeeded, retried.Failed));
        foreach (var product in healthy)
        {
            Assert.Single(Copies.Of(destination, urban.ShopDomain!, product.ExternalId));
        }
        Assert.Equal(JobItemFailure.Refused, (await jobs.GetResultAsync(retry.Id))!.Items.Single(i => i.Status == JobItemStatus.Failed).Failure);
        Assert.NotNull(one);
    }

    private async Task RestartAsync(TimeSpan window)
    {
        await DisposeAsync();
        _window = window;
        await InitializeAsync();
    }

    private async Task<List<MirroredProduct>> SyncableAsync(int storeId, int count)
    {
        await using var db = await DbAsync();
        var products = await db.Syncable(storeId).OrderBy(p => p.Id).Take(count).ToListAsync();
        Assert.Equal(count, products.Count);
        return products;
    }
}
