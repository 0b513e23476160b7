using AngleSharp.Dom;
using Bunit;
using SyncDashboard.Components.Pages.BulkMapper;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Tests.Components.BulkMapper;

public sealed class BulkMapperPageTests : DashboardTestContext
{
    public BulkMapperPageTests()
    {
        Jobs.NextMappingLines.AddRange(
        [
            new MappingReportLine(1, "Linen Shirt", MappingOutcome.Mapped, "All 2 variants match by SKU.", 2, 11, "Linen Shirt"),
            new MappingReportLine(2, "Canvas Tote", MappingOutcome.Mapped, "All 1 variants match by SKU.", 2, 12, "Canvas Tote"),
            new MappingReportLine(3, "Wool Beanie", MappingOutcome.MissingSku, "Variant \"Grey\" has no SKU."),
            new MappingReportLine(4, "Desk Lamp", MappingOutcome.VariantCountDiffers, "3 variants here, 2 in the Source.", 3, 14, "Desk Lamp"),
            new MappingReportLine(5, "Tea Cup", MappingOutcome.NoMatch, "No Source variant has these SKUs."),
        ]);
    }

    private IRenderedComponent<BulkMapperPage> RenderPage()
    {
        RenderProviders();
        return Render<BulkMapperPage>();
    }

    /// <summary>The page with a finished dry run's report on it.</summary>
    private IRenderedComponent<BulkMapperPage> RenderPageAfterADryRun()
    {
        var page = RenderPage();
        page.Find("[data-testid=bulk-dry-run]").Click();
        page.WaitForAssertion(() => Assert.Single(Jobs.MapRuns));
        Jobs.Finish();
        page.WaitForElement("[data-testid=bulk-summary]");
        return page;
    }

    [Fact]
    public void ADryRunSaysHowManyListingsWouldFollowADraftOrArchivedSourceProduct()
    {
        Jobs.NextMappingLines[1] = Jobs.NextMappingLines[1] with { SourceUnavailable = true };
        var page = RenderPageAfterADryRun();
        Assert.Contains("1 of them follows a Source product that is draft or archived", page.Find("[data-testid=bulk-source-unavailable]").TextContent);
    }

    [Fact]
    public void ExplainsTheRulesAndAsksForADryRunBeforeMapping()
    {
        var page = RenderPage();

        Assert.Contains("each SKU is used only once in its store", page.Markup);
        Assert.Contains("both products have the same number of variants", page.Markup);
        Assert.NotNull(page.Find("[data-testid=bulk-start]").GetAttribute("disabled"));
        Assert.Null(page.Find("[data-testid=bulk-dry-run]").GetAttribute("disabled"));
    }

    [Fact]
    public void DryRunRunsAsAJobAndShowsWhatWouldBeMappedWithCountsPerReason()
    {
        var page = RenderPage();

        page.Find("[data-testid=bulk-dry-run]").Click();
        page.WaitForAssertion(() => Assert.Equal([true], Jobs.MapRuns));
        Jobs.Finish();

        page.WaitForAssertion(() => Assert.Contains("Dry run: 2 of 5 Destination products would be mapped", page.Find("[data-testid=bulk-summary]").TextContent));
        var counts = page.FindAll("[data-testid=bulk-count]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Mapped: 2", "No match: 1", "Missing SKU: 1", "Variant count differs: 1"], counts);
        Assert.Contains("3 variants here, 2 in the Source.", page.Find("[data-testid=bulk-report]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=bulk-source-unavailable]")); // every mapped listing follows an active Source product
        Assert.Null(page.Find("[data-testid=bulk-start]").GetAttribute("disabled"));
        Assert.DoesNotContain(Snackbars, s => s.StartsWith("Mapped", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportCanBeFilteredByReason()
    {
        var page = RenderPageAfterADryRun();

        // Find and click in one step: the page renders once more when the job's report arrives.
        page.InvokeAsync(() => page.FindAll("[data-testid=bulk-count]").Single(c => c.TextContent.Contains("Missing SKU", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("[data-testid=bulk-report] tbody tr");
            Assert.Single(rows);
            Assert.Contains("Wool Beanie", rows[0].TextContent);
        });
    }

    [Fact]
    public void StartMapsWithALiveProgressBarThenReportsTheResult()
    {
        var page = RenderPageAfterADryRun();

        page.InvokeAsync(() => page.Find("[data-testid=bulk-start]").Click());

        page.WaitForAssertion(() => Assert.Equal([true, false], Jobs.MapRuns));
        page.WaitForElement("[data-testid=bulk-progress]");
        Assert.NotNull(page.Find("[data-testid=bulk-dry-run]").GetAttribute("disabled"));
        Jobs.ReportItem("Compared 3 of 5 Destination products.", 60);
        page.WaitForAssertion(() => Assert.Contains("Compared 3 of 5 Destination products.", page.Find("[data-testid=bulk-progress]").TextContent));
        Assert.Equal("60", page.Find("[data-testid=bulk-progress] [role=progressbar]").GetAttribute("aria-valuenow"));
        Jobs.Finish();

        page.WaitForAssertion(() => Assert.Contains("Result: 2 of 5 Destination products were mapped", page.Find("[data-testid=bulk-summary]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=bulk-progress]"));
        Assert.Contains("Mapped 2 products.", Snackbars);
    }

    [Fact]
    public async Task OpeningThePageAgainFollowsARunStillGoingThenShowsItsReport()
    {
        var first = RenderPage();
        first.Find("[data-testid=bulk-dry-run]").Click();
        first.WaitForAssertion(() => Assert.Single(Jobs.MapRuns));
        await DisposeComponentsAsync();

        var again = RenderPage();
        again.WaitForElement("[data-testid=bulk-progress]");
        Jobs.Finish();

        again.WaitForAssertion(() => Assert.Contains("Dry run: 2 of 5", again.Find("[data-testid=bulk-summary]").TextContent));
        var afterwards = Render<BulkMapperPage>();
        Assert.Contains("Dry run: 2 of 5", afterwards.Find("[data-testid=bulk-summary]").TextContent);
        Assert.Single(Jobs.MapRuns);
    }

    [Fact]
    public void AFailedRunIsExplained()
    {
        var page = RenderPage();
        page.Find("[data-testid=bulk-dry-run]").Click();
        page.WaitForAssertion(() => Assert.Single(Jobs.MapRuns));

        Jobs.Fail("No Destination store is connected.");

        page.WaitForAssertion(() => Assert.Contains("The Bulk Mapper did not finish: No Destination store is connected.", Snackbars));
        Assert.Empty(page.FindAll("[data-testid=bulk-progress]"));
        Assert.Empty(page.FindAll("[data-testid=bulk-summary]"));
    }

    [Fact]
    public void ARunningMapCanBeCancelledAndTheMerchantIsToldWhatStays()
    {
        var page = RenderPageAfterADryRun();
        page.Find("[data-testid=bulk-start]").Click();
        page.WaitForAssertion(() => Assert.Equal([true, false], Jobs.MapRuns));
        Jobs.ReportItem("Bringing the mapped products in step: 1 of 2.", 60);
        page.WaitForAssertion(() => Assert.Contains("Bringing the mapped products in step: 1 of 2.", page.Find("[data-testid=bulk-progress]").TextContent));

        page.Find("[data-testid=cancel-job]").Click();

        page.WaitForAssertion(() => Assert.Equal([Jobs.LastJob.Id], Jobs.Cancels));
        page.WaitForAssertion(() => Assert.Equal("Cancelling…", page.Find("[data-testid=cancel-job]").TextContent.Trim()));
        Jobs.Reports[Jobs.LastJob.Id] = new MappingReport(false, [.. Jobs.NextMappingLines], TimeSpan.FromSeconds(1));
        Jobs.EndCancelled();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=bulk-progress]")));
        Assert.Contains("Cancelled: 2 products were mapped; the reconciliation brings their stock in step.", Snackbars);
    }

    /// <summary>The text of one column's cells, row by row, the column found by its header.</summary>
    private static List<string> Column(IRenderedComponent<BulkMapperPage> page, string header)
    {
        var headers = page.FindAll("[data-testid=bulk-report] thead th").Select(HeaderText).ToList();
        var index = headers.FindIndex(h => h == header);
        Assert.True(index >= 0, $"no column \"{header}\" among {string.Join(", ", headers)}");
        return [.. page.FindAll("[data-testid=bulk-report] tbody tr").Select(r => r.QuerySelectorAll("td")[index].TextContent.Trim())];
    }

    /// <summary>A header's title (a sortable header also holds its sort index).</summary>
    private static string HeaderText(IElement th) => (th.QuerySelector(".sortable-column-header") ?? th).TextContent.Trim();

    /// <summary>Clicks a column's title, as a merchant sorts by it, finding it afresh in the same step.</summary>
    private static Task SortBy(IRenderedComponent<BulkMapperPage> page, string header) => page.InvokeAsync(() =>
        page.FindAll("[data-testid=bulk-report] thead th").Single(th => HeaderText(th) == header).QuerySelector(".sortable-column-header")!.Click());

    private static IElement Chip(IRenderedComponent<BulkMapperPage> page, string label) =>
        page.FindAll("[data-testid=bulk-count]").Single(c => c.TextContent.Contains(label, StringComparison.Ordinal));

    [Fact]
    public async Task TheReportNamesEachLinesSourceStoreAndSortsByIt()
    {
        Jobs.NextMappingLines[0] = Jobs.NextMappingLines[0] with { SourceStoreName = "Urban Threads" };
        Jobs.NextMappingLines[1] = Jobs.NextMappingLines[1] with { SourceStoreName = "Hearth & Home" };
        Jobs.NextMappingLines[3] = Jobs.NextMappingLines[3] with { SourceStoreName = "Urban Threads" };
        var page = RenderPageAfterADryRun();

        Assert.Equal(["Urban Threads", "Hearth & Home", "", "Urban Threads", ""], Column(page, "Source store"));

        await SortBy(page, "Source store");
        page.WaitForAssertion(() => Assert.Equal(["Hearth & Home", "Urban Threads", "Urban Threads"], Column(page, "Source store").Where(s => s.Length > 0)));
        Assert.Equal("Canvas Tote", Column(page, "Destination product")[Column(page, "Source store").IndexOf("Hearth & Home")]); // whole rows move

        await SortBy(page, "Source store");
        page.WaitForAssertion(() => Assert.Equal(["Urban Threads", "Urban Threads", "Hearth & Home"], Column(page, "Source store").Where(s => s.Length > 0)));
    }

    [Fact]
    public void TheChosenOutcomeChipIsVisiblySelectedAndChoosingItAgainShowsEveryLine()
    {
        var page = RenderPageAfterADryRun();

        page.InvokeAsync(() => Chip(page, "Missing SKU").Click());

        page.WaitForAssertion(() =>
        {
            var chosen = Chip(page, "Missing SKU");
            Assert.Contains("mud-chip-selected", chosen.ClassList);
            Assert.Contains("mud-chip-filled", chosen.ClassList); // the others are text chips
            Assert.Contains("mud-chip-color-primary", chosen.ClassList);
            Assert.Equal("true", chosen.GetAttribute("aria-pressed"));
            Assert.NotNull(chosen.QuerySelector("svg.mud-chip-icon")); // the check mark
            foreach (var other in page.FindAll("[data-testid=bulk-count]").Where(c => !c.TextContent.Contains("Missing SKU", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain("mud-chip-selected", other.ClassList);
                Assert.Contains("mud-chip-text", other.ClassList);
                Assert.Equal("false", other.GetAttribute("aria-pressed"));
                Assert.Null(other.QuerySelector("svg.mud-chip-icon"));
            }
            Assert.Equal(["Wool Beanie"], Column(page, "Destination product"));
        });

        page.InvokeAsync(() => Chip(page, "Missing SKU").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-testid=bulk-count].mud-chip-selected"));
            Assert.Equal(5, Column(page, "Destination product").Count);
        });
    }

    [Fact]
    public async Task ALineWhereOnlySomeSkusMatchOpensTheIndividualMapperOnItsTwoProducts()
    {
        Jobs.NextMappingLines.Add(new MappingReportLine(6, "Silk Scarf (Outlet)", MappingOutcome.PartialSkuMatch, "Only 1 of its 2 SKUs match \"Silk Scarf\".",
            2, 16, "Silk Scarf") { SourceStoreName = "Urban Threads", SourceMirroredId = 216, DestinationMirroredId = 306 });
        // SKUs spread over two Source products: no one product to map it to.
        Jobs.NextMappingLines.Add(new MappingReportLine(7, "Gift Box", MappingOutcome.PartialSkuMatch, "Its SKUs match variants of 2 different Source products.")
            { DestinationMirroredId = 307 });
        MappingVariant[] source = [new(31, "Red", "SS-RED", 3) { OptionValues = ["Red"] }, new(32, "Blue", "SS-BLU", 8) { OptionValues = ["Blue"] }];
        MappingVariant[] destination = [new(41, "Red", "SS-RED", 1) { OptionValues = ["Red"] }, new(42, "Blue", "OUT-BLU", 0) { OptionValues = ["blue"] }];
        IndividualMapper.Proposal = new MappingProposal(216, "Silk Scarf", source, 306, "Silk Scarf (Outlet)", destination, VariantPairing.Propose(source, destination));
        var page = RenderPageAfterADryRun();

        Assert.Contains("Silk Scarf (Outlet)", Assert.Single(page.FindAll("[data-testid=bulk-map-by-hand]")).Closest("tr")!.TextContent);
        await page.InvokeAsync(() => page.Find("[data-testid=bulk-map-by-hand]").Click());

        DialogHost.WaitForElement("[data-testid=mapper-pairs]");
        var dialog = DialogHost.FindComponent<IndividualMapperDialog>();
        Assert.Equal((216L, (long?)306L), (dialog.Instance.SourceProductId, dialog.Instance.DestinationProductId));
        Assert.Equal([(216L, 306L)], IndividualMapper.Proposals);
        Assert.Equal(["Same SKU", "Same options (Blue): SKU SS-BLU ≠ OUT-BLU"],
            DialogHost.FindAll("[data-testid=mapper-pair-basis]").Select(c => c.TextContent.Trim()));
        Assert.Contains("Map \"Silk Scarf\" to \"Silk Scarf (Outlet)\"", DialogText());

        DialogHost.Find("[data-testid=mapper-save]").Click();

        var saved = Assert.Single(IndividualMapper.Saved);
        Assert.Equal((216L, 306L), (saved.SourceProductId, saved.DestinationProductId));
        Assert.Equal([new VariantPair(31, 41), new VariantPair(32, 42)], saved.Pairs.OrderBy(p => p.SourceVariantId));
        page.WaitForAssertion(() => Assert.Contains("Mapped by hand", Assert.Single(page.FindAll("[data-testid=bulk-mapped-by-hand]")).Closest("tr")!.TextContent));
        Assert.Empty(page.FindAll("[data-testid=bulk-map-by-hand]"));
        Assert.Contains("Mapped \"Silk Scarf (Outlet)\": its stock is brought in step now.", Snackbars);
    }

    [Fact]
    public void AViewerIsNotOfferedToMapByHand()
    {
        SignInAs(DashboardRoles.Viewer);
        Jobs.NextMappingLines.Add(new MappingReportLine(6, "Silk Scarf (Outlet)", MappingOutcome.PartialSkuMatch, "Only 1 of its 2 SKUs match \"Silk Scarf\".",
            2, 16, "Silk Scarf") { SourceStoreName = "Urban Threads", SourceMirroredId = 216, DestinationMirroredId = 306 });

        var page = RenderPageAfterADryRun();

        Assert.Contains("Silk Scarf (Outlet)", page.Find("[data-testid=bulk-report]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=bulk-map-by-hand]"));
    }

    [Fact]
    public void TheExportButtonCarriesTheReportsJobAndTheOutcomeShown()
    {
        var page = RenderPage();
        Assert.Empty(page.FindAll("[data-testid=export-csv]")); // no report yet

        page.Find("[data-testid=bulk-dry-run]").Click();
        page.WaitForAssertion(() => Assert.Single(Jobs.MapRuns));
        Jobs.Finish();
        page.WaitForElement("[data-testid=bulk-summary]");

        var job = Jobs.LastJob.Id;
        page.WaitForAssertion(() => Assert.Equal($"/export/bulk-map-report.csv?job={job:D}", page.Find("a[data-testid=export-csv]").GetAttribute("href")));
        Assert.True(page.Find("a[data-testid=export-csv]").HasAttribute("download"));

        page.InvokeAsync(() => page.FindAll("[data-testid=bulk-count]").Single(c => c.TextContent.Contains("No match", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Equal($"/export/bulk-map-report.csv?job={job:D}&outcome=NoMatch", page.Find("a[data-testid=export-csv]").GetAttribute("href")));
    }

    [Fact]
    public async Task TheLatestRunsReportOpensWithItsExportButton()
    {
        await Jobs.StartBulkMapAsync(dryRun: true);
        Jobs.Finish();

        var page = RenderPage();

        Assert.Equal($"/export/bulk-map-report.csv?job={Jobs.LastJob.Id:D}", page.Find("a[data-testid=export-csv]").GetAttribute("href"));
    }
}
