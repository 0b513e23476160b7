using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using SyncDashboard.Components.Pages.Jobs;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Tests.Components.Jobs;

/// <summary>
/// A job's result page over a fake job service: each item's outcome in words (a store error that outlasted
/// the retries, a rule's refusal), how many tries it took, and Retry for one or all failed items, offered to
/// an Operator and not to a Viewer.
/// </summary>
public sealed class JobsPageTests : DashboardTestContext
{
    private static readonly Guid JobId = Guid.CreateVersion7();

    public JobsPageTests()
    {
        Services.AddSingleton(Options.Create(new JobOptions()));
        Jobs.Results[JobId] = new JobResult(JobId, JobKind.BulkSync, JobStatus.Completed, "olga", DateTimeOffset.UtcNow.AddMinutes(-7), DateTimeOffset.UtcNow,
            Total: 3, Done: 3, Succeeded: 1, Failed: 2, Error: null,
            [
                new JobItemResult(11, 0, 101, "Linen Shirt", JobItemStatus.Succeeded, "Synced \"Linen Shirt\" to Northwind Outlet with 3 variants.", 1, null),
                new JobItemResult(12, 1, 102, "Wool Scarf", JobItemStatus.Failed,
                    "Sync of \"Wool Scarf\" failed: the store answered 503. (tried 9 times over 5 minutes; Retry it once the store is well)", 9, JobItemFailure.StoreError),
                new JobItemResult(13, 2, 103, "Canvas Tote", JobItemStatus.Failed, "Not synced: the variant has no SKU.", 1, JobItemFailure.Refused),
            ]);
    }

    private IRenderedComponent<JobsPage> RenderJob(bool providers = true)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/jobs/{JobId}");
        if (providers)
        {
            RenderProviders();
        }
        var page = Render<JobsPage>(p => p.Add(c => c.JobId, JobId));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=job-item]").Count));
        return page;
    }

    [Fact]
    public void EachItemSaysWhatBecameOfItAndWhyAFailedOneFailed()
    {
        SignInAs(DashboardRoles.Operator);
        var page = RenderJob();

        Assert.Equal("Bulk sync of 3 items", page.Find("[data-testid=job-title]").TextContent);
        Assert.StartsWith("Completed: 1 succeeded, 2 failed of 3. Started by olga ", page.Find("[data-testid=job-summary]").TextContent);
        Assert.Equal(["Linen Shirt", "Wool Scarf", "Canvas Tote"], page.FindAll("[data-testid=job-item-subject]").Select(e => e.TextContent));
        Assert.Equal(["Succeeded", "Store error", "Refused"], page.FindAll("[data-testid=job-item-outcome]").Select(e => e.TextContent.Trim()));
        var failures = page.Find("[data-testid=job-failures]").TextContent;
        Assert.Contains("1 item failed because the store kept failing for the 5 minutes the job tried them again", failures);
        Assert.Contains("1 item refused by the rules", failures);
    }

    [Fact]
    public void AnOperatorRetriesOneFailedItemOrAllOfThem()
    {
        SignInAs(DashboardRoles.Operator);
        var page = RenderJob();

        Assert.Equal("Retry all 2 failed", page.Find("[data-testid=retry-all]").TextContent.Trim());
        Assert.Equal(2, page.FindAll("[data-testid=retry-item]").Count); // on the failed rows only
        page.InvokeAsync(() => page.FindAll("[data-testid=retry-item]")[0].Click());
        page.WaitForAssertion(() => Assert.Equal([(JobId, (long?)12, false)], Jobs.Retries));

        var again = RenderJob(providers: false);
        again.InvokeAsync(() => again.Find("[data-testid=retry-all]").Click());
        again.WaitForAssertion(() => Assert.Equal((JobId, (long?)null, false), Jobs.Retries[^1]));
        Assert.Equal([102L, 103L], Jobs.LastJob.Items.Select(i => i.SubjectId));

        // The store errors alone (the refusal would only be refused again).
        var third = RenderJob(providers: false);
        Assert.Equal("Retry the store error", third.Find("[data-testid=retry-store-errors]").TextContent.Trim());
        third.InvokeAsync(() => third.Find("[data-testid=retry-store-errors]").Click());
        third.WaitForAssertion(() => Assert.Equal((JobId, (long?)null, true), Jobs.Retries[^1]));
        Assert.Equal([102L], Jobs.LastJob.Items.Select(i => i.SubjectId));
    }

    [Fact]
    public void AViewerSeesTheResultButNoRetryAndIsToldWhy()
    {
        SignInAs(DashboardRoles.Viewer);
        var page = RenderJob();

        Assert.Empty(page.FindAll("[data-testid=retry-all], [data-testid=retry-item], [data-testid=retry-store-errors]"));
        Assert.Contains("not retry failed items", page.Find("[data-testid=read-only]").TextContent);
    }

    [Fact]
    public void AnUnknownJobSaysSo()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/jobs/0196e5b4-0000-7000-8000-000000000000");
        RenderProviders();
        var page = Render<JobsPage>(p => p.Add(c => c.JobId, Guid.Parse("0196e5b4-0000-7000-8000-000000000000")));

        page.WaitForAssertion(() => Assert.Contains("There is no such job", page.Find("[data-testid=job-not-found]").TextContent));
    }
}
