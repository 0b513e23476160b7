using Bunit;
using Bunit.TestDoubles;
using SyncDashboard.Components.Pages.Destination;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Products;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Tests.Components.Fakes;

namespace SyncDashboard.Tests.Components.Destination;

/// <summary>The Destination page: its catalogue, what each product follows, duplicates, and the actions that fit.</summary>
public sealed class DestinationPageTests : DashboardTestContext
{
    public DestinationPageTests()
    {
        Stores.AddDemoStores();
        Products.Rows[1] =
        [
            TestCatalogue.Row(101, "Linen Shirt", SyncState.Synced) with { LinkedTo = new LinkedProductRef(2, "Urban Threads", 9001, 1, "Linen Shirt") },
            TestCatalogue.Row(102, "House Mug", SyncState.NotSynced, SkuProblem.SharedWithOtherProduct, "SKU MUG-1 is also used by \"Travel Mug\".", "MUG-1"),
            TestCatalogue.Row(103, "Canvas Tote", SyncState.Mapped) with { LinkedTo = new LinkedProductRef(3, "Hearth and Home", 9002, 2, "Tote Bag") },
        ];
    }

    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    private IRenderedComponent<DestinationPage> RenderPage(string url = "/destination")
    {
        Navigation.NavigateTo(url);
        RenderProviders();
        var page = Render<DestinationPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=follows]").Count));
        return page;
    }

    [Fact]
    public void EachProductSaysWhichSourceProductItFollowsOrThatItFollowsNoneAndDuplicatesAreMarked()
    {
        var page = RenderPage();

        Assert.Equal(1, Products.LastQuery.StoreId); // the Destination's catalogue
        var follows = page.FindAll("[data-testid=follows]").Select(f => f.TextContent.Trim()).ToList();
        Assert.Equal(["Linen Shirt", "Follows no Source product", "Tote Bag"], follows);
        Assert.Contains("Hearth and Home · Mapped", page.FindAll("tbody tr")[2].TextContent);
        Assert.Empty(page.FindAll("[data-testid=duplicate-chip]")); // House Mug follows none: its status chip says "Shared SKU" already
        Assert.Contains("Shared SKU", page.FindAll("tbody tr")[1].TextContent);
        // The actions that fit: Map for the product that follows none, Unsync for those that follow one.
        Assert.Equal("Map House Mug to a Source product", Assert.Single(page.FindAll("[data-testid=map-destination]")).GetAttribute("aria-label"));
        Assert.Equal(2, page.FindAll("[data-testid=unsync-destination]").Count);
    }

    [Fact]
    public void TheSharingSkusFilterReachesTheQueryAndTheUrlWithAHistoryEntry()
    {
        var page = RenderPage();

        page.InvokeAsync(() => page.FindAll(".mud-chip").Single(c => c.TextContent.Contains("Sharing SKUs", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Equal(ProductStatusFilter.DuplicateSkus, Products.LastQuery.Status));
        Assert.Contains("status=duplicateskus", Navigation.Uri, StringComparison.Ordinal);
        Assert.False(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void MapChoosesTheSourceProductAmongThoseSharingItsSkusThenOpensTheIndividualMapperWithBoth()
    {
        Products.SourceCandidates[102] = [TestCatalogue.Row(7, "Travel Mug", SyncState.NotSynced, SkuProblem.None, null, "MUG-1") with { StoreId = 3 }];
        IndividualMapper.Proposal = new SyncDashboard.Core.Mapping.MappingProposal(7, "Travel Mug", [new SyncDashboard.Core.Mapping.MappingVariant(71, "Default", "MUG-1", 3)],
            102, "House Mug", [new SyncDashboard.Core.Mapping.MappingVariant(81, "Default", "MUG-1", 0)], [new SyncDashboard.Core.Mapping.ProposedPair(71, 81, SyncDashboard.Core.Mapping.PairBasis.Sku)]);
        var page = RenderPage();

        page.InvokeAsync(() => page.Find("[data-testid=map-destination]").Click());

        DialogHost.WaitForAssertion(() => Assert.Contains("Travel Mug · Hearth and Home · 1 variant · 1 of 1 SKU shared", DialogHost.Find("[data-testid=source-candidate]").TextContent));
        DialogHost.InvokeAsync(() => DialogHost.Find("[data-testid=source-candidate]").Click());
        DialogHost.WaitForElement("[data-testid=individual-mapper]");
        var mapper = DialogHost.FindComponent<IndividualMapperDialog>().Instance;
        Assert.Equal((7L, (long?)102), (mapper.SourceProductId, mapper.DestinationProductId));
    }

    [Fact]
    public void UnsyncNamesTheSourceProductAndEndsTheLinkThroughIt()
    {
        var page = RenderPage();

        page.InvokeAsync(() => page.Find("[data-testid=unsync-destination] button").Click());
        PopoverHost.WaitForElement("[data-testid=unsync-destination-delete]");
        PopoverHost.InvokeAsync(() => PopoverHost.Find("[data-testid=unsync-destination-delete]").Click());

        DialogHost.WaitForAssertion(() => Assert.Contains("stops following \"Linen Shirt\" (Urban Threads) and is deleted", DialogText()));
        Assert.Empty(Jobs.Unsyncs);
        ClickDialogButton("Unsync & delete");
        page.WaitForAssertion(() => Assert.Equal([1L], Assert.Single(Jobs.Unsyncs).Ids)); // the Source product's id: links are ended from the Source
        Assert.Equal(UnsyncMode.Delete, Jobs.Unsyncs[0].Mode);
    }

    [Fact]
    public void AViewerSeesTheCatalogueButNoAction()
    {
        SignInAs(SyncDashboard.Core.Users.DashboardRoles.Viewer);

        var page = RenderPage();

        Assert.Empty(page.FindAll("[data-testid=map-destination]"));
        Assert.Empty(page.FindAll("[data-testid=unsync-destination]"));
        Assert.Contains("map or unsync products", page.Markup);
    }
}
