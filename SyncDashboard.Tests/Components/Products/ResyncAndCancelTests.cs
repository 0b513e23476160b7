using Bunit;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Products;
using SyncDashboard.Tests.Components.Fakes;

namespace SyncDashboard.Tests.Components.Products;

/// <summary>The Products page's Resync (selected products, or a whole Source), Cancel on a running job, and how a link's state shows.</summary>
public sealed class ResyncAndCancelTests : DashboardTestContext
{
    public ResyncAndCancelTests() => Stores.AddDemoStores();

    private IRenderedComponent<ProductsPage> RenderPage(int rows)
    {
        RenderProviders();
        var page = Render<ProductsPage>();
        page.WaitForAssertion(() => Assert.Equal(rows, page.FindAll("tbody tr input[type=checkbox]").Count));
        return page;
    }

    [Fact]
    public async Task AJobRunningBeforeThePageOpenedIsFollowedWithItsProgressCancelAndResults()
    {
        // Started in another tab, or before a reload or a restart.
        Products.Rows[2] = TestCatalogue.SyncedMappedAndNotSynced();
        await Jobs.StartResyncAsync([1, 2]);
        Jobs.Report(done: 1, succeeded: 1, failed: 0);

        var page = RenderPage(3);

        page.WaitForAssertion(() => Assert.Contains("Resync: 1 of 2 (1 succeeded, 0 failed)", page.Find("[data-testid=job-progress]").TextContent));
        page.Find("[data-testid=cancel-job]").Click();
        page.WaitForAssertion(() => Assert.Equal([Jobs.LastJob.Id], Jobs.Cancels));
        Jobs.Finish(failures: new Dictionary<long, string> { [2] = "Destination answered 503." }, storeErrors: new HashSet<long> { 2 });
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=job-progress]")));
        Assert.Contains(Snackbars, s => s.StartsWith("Resync completed: 1 succeeded, 1 failed on store errors.", StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Contains("Product 002: Destination answered 503.", Snackbars)); // the failed product named
    }

    [Fact]
    public void ResyncOfTheSelectedProductsRunsAsAJobWithProgressAndItsDetail()
    {
        Products.Rows[2] = TestCatalogue.SyncedMappedAndNotSynced();
        var page = RenderPage(3);
        page.FindAll("tbody tr input[type=checkbox]")[0].Change(true);
        page.FindAll("tbody tr input[type=checkbox]")[1].Change(true);

        page.Find("[data-testid=resync-selected]").Click();

        page.WaitForAssertion(() => Assert.Equal([1L, 2L], Assert.Single(Jobs.Resyncs).Order()));
        Jobs.ReportItem("Checked 1 of 2 linked products.", 50);
        page.WaitForAssertion(() => Assert.Contains("Resync: 0 of 2 (0 succeeded, 0 failed) · Checked 1 of 2 linked products.",
            page.Find("[data-testid=job-progress]").TextContent));
        Jobs.Finish();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=job-progress]")));
        Assert.Contains(Snackbars, s => s.StartsWith("Resync completed: 2 succeeded, 0 failed", StringComparison.Ordinal));
    }

    [Fact]
    public void ResyncAllLinkedResyncsTheWholeSourceAndSaysSoWhenItHasNone()
    {
        Products.Rows[2] = TestCatalogue.SyncedMappedAndNotSynced();
        Jobs.LinkedOfSource = store => store == 2 ? [1, 2] : [];
        var page = RenderPage(3);

        page.InvokeAsync(() => page.Find("[data-testid=resync-source]").Click()); // found and clicked in one turn: no re-render between

        page.WaitForAssertion(() => Assert.Equal([2], Jobs.SourceResyncs));
        Assert.Equal([1L, 2L], Jobs.LastJob.Items.Select(i => i.SubjectId));
        Jobs.Finish();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=job-progress]")));

        // A Source with nothing linked: refused with the reason, no job.
        Jobs.LinkedOfSource = _ => [];
        page.InvokeAsync(() => page.Find("[data-testid=resync-source]").Click());
        page.WaitForAssertion(() => Assert.Contains("This Source has no synced or mapped products to resync.", Snackbars));
        Assert.Single(Jobs.Started);
    }

    [Fact]
    public void CancelAsksTheRunningJobToStopAndTheResultCountsWhatWasSkipped()
    {
        Products.Rows[2] = TestCatalogue.SyncedMappedAndNotSynced();
        var page = RenderPage(3);
        page.FindAll("tbody tr input[type=checkbox]")[0].Change(true);
        page.FindAll("tbody tr input[type=checkbox]")[1].Change(true);
        page.Find("[data-testid=resync-selected]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=cancel-job]")));
        Jobs.Report(done: 1, succeeded: 1, failed: 0);

        page.Find("[data-testid=cancel-job]").Click();

        page.WaitForAssertion(() => Assert.Equal([Jobs.LastJob.Id], Jobs.Cancels));
        page.WaitForAssertion(() => Assert.Equal("Cancelling…", page.Find("[data-testid=cancel-job]").TextContent.Trim()));
        Assert.True(page.Find("[data-testid=cancel-job]").HasAttribute("disabled"));
        Jobs.LastJob.Items[0].Status = JobItemStatus.Succeeded;
        Jobs.EndCancelled();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=job-progress]")));
        Assert.Contains(Snackbars, s => s == "Resync cancelled: 1 succeeded, 0 failed, 1 skipped.");
    }

    [Fact]
    public void ARefusedSyncOffersToMapTheDestinationProductInstead()
    {
        Products.Rows[2] = TestCatalogue.Rows(2);
        IndividualMapper.Proposal = new MappingProposal(1, "Product 001", [new MappingVariant(11, "Default", "SKU-1", 3)],
            77, "Our own Product 001", [new MappingVariant(21, "Default", "SKU-1", 9)], [new ProposedPair(11, 21, PairBasis.Sku)]);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var page = RenderPage(2);
        page.FindAll("tbody tr input[type=checkbox]")[0].Change(true);
        page.Find("[data-testid=sync-selected]").Click();
        page.WaitForAssertion(() => Assert.Single(Jobs.Syncs));

        Jobs.Finish(new Dictionary<long, string> { [1] = "Not synced: SKU SKU-1 already identifies \"Product 001\" in Northwind Outlet: map the two instead." },
            new Dictionary<long, long> { [1] = 77 });

        page.WaitForAssertion(() => Assert.Contains(Snackbars, s => s.Contains("already identifies", StringComparison.Ordinal)));
        snackbars.WaitForAssertion(() => Assert.Equal(2, snackbars.FindAll(".mud-snackbar-action-button").Count));
        var actions = snackbars.FindAll(".mud-snackbar-action-button");
        // The job's summary leads to each product's outcome (and Retry); the refusal offers the map.
        Assert.Equal(["See each product", "Map instead"], actions.Select(a => a.TextContent.Trim()));
        actions[1].Click();

        // The Individual Mapper opens on that Destination product, its variants paired by SKU.
        DialogHost.WaitForAssertion(() => Assert.Contains("Our own Product 001", DialogHost.Find("[data-testid=individual-mapper]").TextContent));
        Assert.NotEmpty(DialogHost.FindAll("[data-testid=mapper-pairs]"));
    }

    [Fact]
    public void TheGridShowsEachLinksStateWithItsReasonAndWhenItLastSynced()
    {
        var synced = DateTimeOffset.UtcNow.AddMinutes(-5);
        Products.Rows[2] =
        [
            TestCatalogue.Row(1, "In step") with { SyncState = SyncState.Synced, LinkState = LinkState.InStep, LastSyncedAt = synced },
            TestCatalogue.Row(2, "Repairing") with { SyncState = SyncState.Synced, LinkState = LinkState.Repairing, LinkStateReason = "Not checked: throttled." },
            TestCatalogue.Row(3, "Out of step") with { SyncState = SyncState.Mapped, LinkState = LinkState.OutOfStep, LinkStateReason = "Source added SKU X." },
        ];
        var page = RenderPage(3);

        var chips = page.FindAll("[data-testid=status-chip]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Synced", "Synced · Repairing", "Mapped · Out of step"], chips);
        Assert.Equal("5 min ago", page.Find("[data-testid=last-synced]").TextContent.Trim());
        Assert.Single(page.FindAll("[data-testid=remap-product]")); // only the out-of-step mapped product offers to pair its variants again
    }

    [Fact]
    public void TheOutOfStepFilterReachesTheQuery()
    {
        Products.Rows[2] = TestCatalogue.Rows(2);
        var page = RenderPage(2);

        page.FindAll(".mud-chip").First(c => c.TextContent.Contains("Out of step", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Equal(ProductStatusFilter.OutOfStep, Products.LastQuery.Status));
    }
}
