using Bunit;
using Microsoft.AspNetCore.Components;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Products;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Tests.Components.Fakes;

namespace SyncDashboard.Tests.Components.Products;

public sealed class ProductsPageTests : DashboardTestContext
{
    public ProductsPageTests() => Stores.AddDemoStores();

    /// <summary>Opens the page at <paramref name="url"/> (its query string is the page's state).</summary>
    private IRenderedComponent<ProductsPage> RenderPage(string url = "/")
    {
        Navigation.NavigateTo(url);
        RenderProviders();
        var page = Render<ProductsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(Products.Queries));
        return page;
    }

    /// <summary>Waits until the grid shows <paramref name="count"/> rows.</summary>
    private static void WaitForRows(IRenderedComponent<ProductsPage> page, int count) =>
        page.WaitForAssertion(() => Assert.Equal(count, page.FindAll("tbody tr input[type=checkbox]").Count));

    private static void SelectRow(IRenderedComponent<ProductsPage> page, int index) =>
        page.FindAll("tbody tr input[type=checkbox]")[index].Change(true);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void GridShowsTheFirstSourceStoresProducts()
    {
        Products.Rows[2] = TestCatalogue.Rows(3);

        var page = RenderPage();

        WaitForRows(page, 3);
        Assert.Equal(2, Products.LastQuery.StoreId);
        Assert.Contains("Product 001", page.Markup);
    }

    [Fact]
    public void BulkBarIsHiddenUntilRowsAreSelected()
    {
        Products.Rows[2] = TestCatalogue.Rows(3);
        var page = RenderPage();
        WaitForRows(page, 3);
        Assert.Empty(page.FindAll("[data-testid=bulk-bar]"));

        SelectRow(page, 0);
        SelectRow(page, 2);

        var bar = page.WaitForElement("[data-testid=bulk-bar]");
        Assert.Contains("2", bar.QuerySelector("b")!.TextContent);
    }

    [Fact]
    public void SyncStartsAJobWithTheSelectedProductsAndShowsItsProgressAndFailures()
    {
        Products.Rows[2] = TestCatalogue.Rows(3);
        var page = RenderPage();
        WaitForRows(page, 3);
        SelectRow(page, 0);
        SelectRow(page, 1);
        var queriesBefore = Products.Queries.Count;

        page.Find("[data-testid=sync-selected]").Click();

        page.WaitForAssertion(() => Assert.Single(Jobs.Syncs));
        Assert.Equal([1L, 2L], Jobs.Syncs[0].Order());
        page.WaitForAssertion(() => Assert.Contains("Bulk sync: 0 of 2", page.Find("[data-testid=job-progress]").TextContent));

        Jobs.Report(done: 1, succeeded: 1, failed: 0);
        page.WaitForAssertion(() => Assert.Contains("1 of 2 (1 succeeded, 0 failed)", page.Find("[data-testid=job-progress]").TextContent));

        Jobs.Finish(new Dictionary<long, string> { [2] = "\"Product 002\" has duplicate SKUs: SKU-2." });
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=job-progress]")));
        Assert.Contains(Snackbars, s => s.Contains("1 succeeded, 1 failed", StringComparison.Ordinal));
        Assert.Contains(Snackbars, s => s == "\"Product 002\" has duplicate SKUs: SKU-2."); // named once, not twice
        Assert.True(Products.Queries.Count > queriesBefore, "the grid reloads when the job is done");
        Assert.Empty(page.FindAll("[data-testid=bulk-bar]"));
    }

    [Fact]
    public void UnsyncOfMoreThan25ProductsIsExplainedAndRefusedBeforeAnythingRuns()
    {
        Products.Rows[2] = TestCatalogue.Rows(30, SyncState.Synced);
        var page = RenderPage("/?size=50");
        WaitForRows(page, 30);

        page.Find("thead input[type=checkbox]").Change(true);
        page.WaitForAssertion(() => Assert.Contains("30", page.Find("[data-testid=bulk-bar] b").TextContent));
        page.Find("[data-testid=unsync-keep]").Click();

        DialogHost.WaitForAssertion(() => Assert.Contains("At most 25 products can be unsynced at once; 30 are selected", DialogText()));
        Assert.Empty(Jobs.Unsyncs);
    }

    [Fact]
    public void UnsyncAndDeleteNamesHowManyDestinationProductsWillBeDeletedAndWaitsForConfirmation()
    {
        Products.Rows[2] = TestCatalogue.SyncedMappedAndNotSynced();
        var page = RenderPage();
        WaitForRows(page, 3);
        SelectRow(page, 0);
        SelectRow(page, 1);
        SelectRow(page, 2);

        page.Find("[data-testid=unsync-delete]").Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("Unsync 3 products and delete 2 Destination products", DialogText()));
        Assert.Equal(["Linen Shirt", "Canvas Tote", "Wool Beanie"], DialogHost.FindAll("[data-testid=confirm-products-titles] li").Select(li => li.TextContent));
        ClickDialogButton("Cancel");
        Assert.Empty(Jobs.Unsyncs);

        page.Find("[data-testid=unsync-delete]").Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("delete 2 Destination products", DialogText()));
        ClickDialogButton("Unsync & delete");

        page.WaitForAssertion(() => Assert.Single(Jobs.Unsyncs));
        Assert.Equal(UnsyncMode.Delete, Jobs.Unsyncs[0].Mode);
        Assert.Equal([1L, 2L, 3L], Jobs.Unsyncs[0].Ids.Order());
    }

    [Fact]
    public void UnsyncAndDeleteAfterSelectAllMatchingNamesTheProductsOnOtherPagesToo()
    {
        Products.Rows[2] = TestCatalogue.Rows(20, SyncState.Synced);
        var page = RenderPage("/?size=10");
        WaitForRows(page, 10);
        page.Find("thead input[type=checkbox]").Change(true);
        page.WaitForElement("[data-testid=select-all-matching]").Click();
        page.WaitForAssertion(() => Assert.Equal("20", page.Find("[data-testid=bulk-bar] b").TextContent));

        page.Find("[data-testid=unsync-delete]").Click();

        DialogHost.WaitForAssertion(() => Assert.Contains("Unsync 20 products and delete 20 Destination products", DialogText()));
        Assert.Equal(["Product 001", "Product 002", "Product 003", "Product 004", "Product 005"],
            DialogHost.FindAll("[data-testid=confirm-products-titles] li").Select(li => li.TextContent));
        Assert.Equal("and 15 more", DialogHost.Find("[data-testid=confirm-products-more]").TextContent.Trim());
        ClickDialogButton("Cancel");
        Assert.Empty(Jobs.Unsyncs);
    }

    [Fact]
    public void StatusFilterReachesTheQueryAndTheUrl()
    {
        Products.Rows[2] = TestCatalogue.Rows(3);
        var page = RenderPage();

        page.FindAll(".mud-chip").Single(c => c.TextContent.Contains("Problems", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Equal(ProductStatusFilter.Problems, Products.LastQuery.Status));
        Assert.Equal(0, Products.LastQuery.Page);
        Assert.Contains("status=problems", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchReachesTheQueryAndTheUrlAfterTheDebounce()
    {
        Products.Rows[2] = TestCatalogue.Rows(3);
        var page = RenderPage();

        page.Find("input[data-testid=product-search]").Input("  linen ");

        page.WaitForAssertion(() => Assert.Equal("linen", Products.LastQuery.Search), TimeSpan.FromSeconds(5));
        Assert.Contains("q=linen", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterSearchStoreAndPageComeFromTheUrl()
    {
        Products.Rows[3] = TestCatalogue.Rows(40, SyncState.Synced);

        RenderPage("/?store=3&status=synced&q=mug&page=2&size=10");

        var query = Products.Queries.First(q => q.PageSize > 1); // the grid's (a bookmarked page is checked against the count first)
        Assert.Equal(3, query.StoreId);
        Assert.Equal(ProductStatusFilter.Synced, query.Status);
        Assert.Equal("mug", query.Search);
        Assert.Equal(1, query.Page);
        Assert.Equal(10, query.PageSize);
    }

    [Theory]
    [InlineData("/?store=abc&page=x&size=-3")]
    [InlineData("/?store=99&page=0&size=100000")]
    [InlineData("/?store=%20&page=1.5&size=")]
    public void AMalformedUrlFallsBackToTheDefaultsInsteadOfAnErrorPage(string url)
    {
        Products.Rows[2] = TestCatalogue.Rows(5);

        RenderPage(url);

        var query = Products.Queries[0];
        Assert.Equal(2, query.StoreId); // the first Source
        Assert.Equal(ProductStatusFilter.All, query.Status);
        Assert.Equal(0, query.Page);
        Assert.Equal(25, query.PageSize);
    }

    [Fact]
    public void OnlyProductsThatAreNotLinkedOfferTheMapButton()
    {
        Products.Rows[2] = TestCatalogue.SyncedMappedAndNotSynced();
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=view-details]").Count));
        var map = Assert.Single(page.FindAll("[data-testid=map-product]"));
        Assert.Equal("Map Wool Beanie", map.GetAttribute("aria-label"));
        Assert.All(page.FindAll("[data-testid=view-details]"), b => Assert.Equal("View details", b.GetAttribute("aria-label")));
    }

    [Fact]
    public void SelectAllMatchingSelectsEveryProductTheFilterMatches()
    {
        Products.Rows[2] = TestCatalogue.Rows(60);
        var page = RenderPage();
        WaitForRows(page, 25);

        page.Find("thead input[type=checkbox]").Change(true);
        page.WaitForElement("[data-testid=select-all-matching]").Click();

        page.WaitForAssertion(() => Assert.Equal("60", page.Find("[data-testid=bulk-bar] b").TextContent));
        page.Find("[data-testid=sync-selected]").Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("Sync 60 products?", DialogText())); // more than 25: asked first
        Assert.Empty(Jobs.Syncs);
        ClickDialogButton("Sync");
        page.WaitForAssertion(() => Assert.Equal(60, Assert.Single(Jobs.Syncs).Count));
    }

    [Fact]
    public void ChangesRecordedElsewhereReloadTheGrid()
    {
        Products.Rows[2] = [TestCatalogue.Row(1, "Linen Shirt")];
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("Not synced", page.Find("[data-testid=status-chip]").TextContent));

        Products.Rows[2] = [TestCatalogue.Row(1, "Linen Shirt", SyncState.Synced)];
        Activity.Add("Synced \"Linen Shirt\".");

        page.WaitForAssertion(() => Assert.Contains("Synced", page.Find("[data-testid=status-chip]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void EyeIconOpensTheProductDetails()
    {
        Products.Rows[2] = [TestCatalogue.Row(1, "Linen Shirt")];
        Products.Details[1] = ProductDetailsDialogTests.Details(1, "Linen Shirt");
        var page = RenderPage();

        page.WaitForElement("[data-testid=view-details]").Click();

        DialogHost.WaitForAssertion(() => Assert.Contains("Linen Shirt", DialogText()));
    }
}
