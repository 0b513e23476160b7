using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Products;
using SyncDashboard.Tests.Components.Fakes;

namespace SyncDashboard.Tests.Components.Products;

/// <summary>
/// Selection a merchant can trust: ticks survive paging and search, "all N matching" shows as such, every
/// bulk action names what it touches before it runs, and a job's failures are named product by product.
/// </summary>
public sealed class SelectionTests : DashboardTestContext
{
    public SelectionTests() => Stores.AddDemoStores();

    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    private IRenderedComponent<ProductsPage> RenderPage(string url = "/")
    {
        Navigation.NavigateTo(url);
        RenderProviders();
        var page = Render<ProductsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr input[type=checkbox]")));
        return page;
    }

    private static IReadOnlyList<bool> Ticks(IRenderedComponent<ProductsPage> page) =>
        [.. page.FindAll("tbody tr input[type=checkbox]").Select(c => c.HasAttribute("checked") || c.GetAttribute("aria-checked") == "true")];

    private static string FirstTitle(IRenderedComponent<ProductsPage> page) => page.FindAll("tbody tr td.title-cell")[0].TextContent.Trim();

    private static void Tick(IRenderedComponent<ProductsPage> page, int index) =>
        page.InvokeAsync(() => page.FindAll("tbody tr input[type=checkbox]")[index].Change(true));

    private static void NextPage(IRenderedComponent<ProductsPage> page) =>
        page.InvokeAsync(() => page.Find("button[aria-label='Next page']").Click());

    private static void PreviousPage(IRenderedComponent<ProductsPage> page) =>
        page.InvokeAsync(() => page.Find("button[aria-label='Previous page']").Click());

    [Fact]
    public void TicksSurvivePagingAndAreCountedOffThePage()
    {
        Products.Rows[2] = TestCatalogue.Rows(30);
        var page = RenderPage("/?size=10");
        Tick(page, 0);
        Tick(page, 2);

        NextPage(page);
        page.WaitForAssertion(() => Assert.Equal("Product 011", FirstTitle(page)));
        Assert.All(Ticks(page), Assert.False);
        Assert.Contains("2 of the selected are not on this page", page.Find("[data-testid=selected-off-page]").TextContent);
        Tick(page, 1);

        PreviousPage(page);
        page.WaitForAssertion(() => Assert.Equal("Product 001", FirstTitle(page)));
        page.WaitForAssertion(() => Assert.Equal([true, false, true], Ticks(page).Take(3)));
        Assert.Equal("3", page.Find("[data-testid=bulk-bar] b").TextContent);
    }

    [Fact]
    public void TicksSurviveASearchAndItsClearing()
    {
        Products.Rows[2] = TestCatalogue.Rows(5);
        var page = RenderPage();
        Tick(page, 1);

        page.Find("input[data-testid=product-search]").Input("Product 004");
        page.WaitForAssertion(() => Assert.Equal("Product 004", Products.LastQuery.Search), TimeSpan.FromSeconds(5));
        page.Find("input[data-testid=product-search]").Input("");
        page.WaitForAssertion(() => Assert.Null(Products.LastQuery.Search), TimeSpan.FromSeconds(5));

        page.WaitForAssertion(() => Assert.Equal([false, true, false, false, false], Ticks(page)));
        Assert.Equal("1", page.Find("[data-testid=bulk-bar] b").TextContent);
    }

    [Fact]
    public void AllMatchingShowsAsSuchInTheHeaderTheRowsAndABannerAndClears()
    {
        Products.Rows[2] = TestCatalogue.Rows(60);
        var page = RenderPage();
        page.InvokeAsync(() => page.Find("thead input[type=checkbox]").Change(true));
        page.WaitForAssertion(() => Assert.Contains("All 25 on this page are selected", page.Find("[data-testid=selection-banner]").TextContent));

        page.InvokeAsync(() => page.Find("[data-testid=select-all-matching]").Click());

        page.WaitForAssertion(() => Assert.Contains("All 60 matching are selected", page.Find("[data-testid=selection-banner]").TextContent));
        Assert.All(Ticks(page), Assert.True);
        Assert.True(page.Find("thead input[type=checkbox]").HasAttribute("checked"), "the header box shows the page is all ticked");
        NextPage(page);
        page.WaitForAssertion(() => Assert.Equal("Product 026", FirstTitle(page)));
        page.WaitForAssertion(() => Assert.All(Ticks(page), Assert.True));

        page.InvokeAsync(() => page.Find("[data-testid=selection-banner] button").Click());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=bulk-bar]")));
        Assert.All(Ticks(page), Assert.False);
    }

    [Fact]
    public void UnticingOneRowEndsAllMatching()
    {
        Products.Rows[2] = TestCatalogue.Rows(30);
        var page = RenderPage();
        page.InvokeAsync(() => page.Find("thead input[type=checkbox]").Change(true));
        page.InvokeAsync(() => page.WaitForElement("[data-testid=select-all-matching]").Click());
        page.WaitForAssertion(() => Assert.Contains("All 30 matching", page.Find("[data-testid=selection-banner]").TextContent));

        page.InvokeAsync(() => page.FindAll("tbody tr input[type=checkbox]")[0].Change(false));

        page.WaitForAssertion(() => Assert.Equal("29", page.Find("[data-testid=bulk-bar] b").TextContent));
        Assert.DoesNotContain("matching are selected", page.Markup);
    }

    [Fact]
    public void UnsyncAndKeepNamesTheProductsAndWaitsForConfirmation()
    {
        Products.Rows[2] = TestCatalogue.SyncedMappedAndNotSynced();
        var page = RenderPage();
        Tick(page, 0);
        Tick(page, 1);

        page.InvokeAsync(() => page.Find("[data-testid=unsync-keep]").Click());

        DialogHost.WaitForAssertion(() => Assert.Contains("Unsync 2 products", DialogText()));
        Assert.Equal(["Linen Shirt", "Canvas Tote"], DialogHost.FindAll("[data-testid=confirm-products-titles] li").Select(li => li.TextContent));
        Assert.Empty(Jobs.Unsyncs);
        ClickDialogButton("Unsync & keep");
        page.WaitForAssertion(() => Assert.Equal([1L, 2L], Assert.Single(Jobs.Unsyncs).Ids.Order()));
    }

    [Fact]
    public void ASyncOf25StartsAtOnceAndOneOf26AsksFirstNamingThem()
    {
        Products.Rows[2] = TestCatalogue.Rows(26);
        var page = RenderPage("/?size=50");
        for (var i = 0; i < 25; i++)
        {
            Tick(page, i);
        }
        page.InvokeAsync(() => page.Find("[data-testid=sync-selected]").Click());
        page.WaitForAssertion(() => Assert.Equal(25, Assert.Single(Jobs.Syncs).Count));
        Assert.Empty(DialogHost.FindAll(".mud-dialog"));
        Jobs.Finish();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=job-progress]")));

        page.InvokeAsync(() => page.Find("thead input[type=checkbox]").Change(true));
        page.InvokeAsync(() => page.WaitForElement("[data-testid=sync-selected]").Click());

        DialogHost.WaitForAssertion(() => Assert.Contains("Sync 26 products?", DialogText()));
        Assert.Equal("and 21 more", DialogHost.Find("[data-testid=confirm-products-more]").TextContent.Trim());
        ClickDialogButton("Cancel");
        Assert.Single(Jobs.Syncs);
    }

    [Fact]
    public void FailuresForOneReasonAreOneMessageNamingTheFirstProductsAndHowManyMore()
    {
        Products.Rows[2] = TestCatalogue.Rows(9);
        var page = RenderPage();
        page.InvokeAsync(() => page.Find("thead input[type=checkbox]").Change(true));
        page.InvokeAsync(() => page.WaitForElement("[data-testid=sync-selected]").Click());
        page.WaitForAssertion(() => Assert.Single(Jobs.Syncs));

        Jobs.Finish(Enumerable.Range(1, 7).ToDictionary(i => (long)i, _ => "The variant has no SKU.")
            .Append(new KeyValuePair<long, string>(9, "The Destination refused the product.")).ToDictionary());

        page.WaitForAssertion(() => Assert.Contains(Snackbars, s => s == "Product 001, Product 002, Product 003 and 4 more: The variant has no SKU."));
        Assert.Contains(Snackbars, s => s == "Product 009: The Destination refused the product.");
        Assert.Single(Snackbars, s => s.Contains("no SKU", StringComparison.Ordinal)); // one message for the seven
    }

    [Fact]
    public void SortComesFromTheUrlAndAHeaderClickWritesIt()
    {
        Products.Rows[2] = TestCatalogue.Rows(3);
        var page = RenderPage("/?sort=-inventory");

        page.WaitForAssertion(() => Assert.Contains(Products.Queries, q => q is { Sort: ProductSort.Inventory, Descending: true }));

        page.InvokeAsync(() => page.FindAll("th").First(th => th.TextContent.Contains("Vendor", StringComparison.Ordinal))
            .QuerySelector(".sortable-column-header")!.Click());
        page.WaitForAssertion(() => Assert.Equal(ProductSort.Vendor, Products.LastQuery.Sort));
        page.WaitForAssertion(() => Assert.Contains("sort=vendor", Navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void BackToAnotherSortShowsThePageItsUrlNames()
    {
        Products.Rows[2] = TestCatalogue.Rows(200);
        var page = RenderPage("/?page=4");
        page.WaitForAssertion(() => Assert.Equal("Product 076", FirstTitle(page)));

        page.InvokeAsync(() => page.FindAll("th").First(th => th.TextContent.Contains("Vendor", StringComparison.Ordinal))
            .QuerySelector(".sortable-column-header")!.Click());
        page.WaitForAssertion(() => Assert.Equal(ProductSort.Vendor, Products.LastQuery.Sort));

        page.InvokeAsync(() => Navigation.NavigateTo("/?store=2")); // Back: title order, the first page
        page.WaitForAssertion(() => Assert.Equal((ProductSort.Title, 0), (Products.LastQuery.Sort, Products.LastQuery.Page)));
        page.WaitForAssertion(() => Assert.Equal("Product 001", FirstTitle(page)));
        Assert.DoesNotContain("page=", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void ABookmarkPastTheLastPageOpensTheLastPage()
    {
        Products.Rows[2] = TestCatalogue.Rows(30);

        var page = RenderPage("/?page=9");

        page.WaitForAssertion(() => Assert.Equal("Product 026", FirstTitle(page)));
        Assert.Equal(1, Products.LastQuery.Page);
        Assert.Contains("page=2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void AFilterChangeAddsAHistoryEntryAndBackRestoresTheFilter()
    {
        Products.Rows[2] = TestCatalogue.Rows(3);
        var page = RenderPage();

        page.InvokeAsync(() => page.FindAll(".mud-chip").Single(c => c.TextContent.Contains("Synced", StringComparison.Ordinal) && !c.TextContent.Contains("Not", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Contains("status=synced", Navigation.Uri, StringComparison.Ordinal));
        Assert.Contains(Navigation.History, h => h.Uri.Contains("status=synced", StringComparison.Ordinal) && !h.Options.ReplaceHistoryEntry);

        Navigation.NavigateTo("/?store=2"); // Back: the former URL
        page.WaitForAssertion(() => Assert.Equal(ProductStatusFilter.All, Products.LastQuery.Status));
    }

    [Fact]
    public void AllSourcesSearchesEverySourceAndNamesEachRowsSource()
    {
        Products.Rows[2] = [TestCatalogue.Row(1, "Linen Shirt")];
        Products.Rows[3] = [TestCatalogue.Row(2, "Stoneware Mug")];
        var page = RenderPage();
        Assert.Equal(2, Products.LastQuery.StoreId); // the first configured Source

        var switcher = page.FindComponents<MudBlazor.MudSelect<int?>>().Single();
        page.InvokeAsync(() => switcher.Instance.ValueChanged.InvokeAsync(0)); // "All Sources" (the browser test picks it by its words)

        page.WaitForAssertion(() => Assert.Null(Products.LastQuery.StoreId));
        page.WaitForAssertion(() => Assert.Equal(["Urban Threads", "Hearth and Home"], page.FindAll("[data-testid=source-cell]").Select(c => c.TextContent.Trim())));
        Assert.Contains("store=all", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void TheExportLinkCarriesTheGridsStoreFilterSearchAndSort()
    {
        Products.Rows[2] = TestCatalogue.Rows(3, SyncState.Synced);
        var page = RenderPage("/?status=synced&q=linen&sort=-inventory");

        page.WaitForAssertion(() => Assert.Equal("/export/products.csv?store=2&status=synced&q=linen&sort=-inventory",
            page.Find("a[data-testid=export-csv]").GetAttribute("href")));

        var switcher = page.FindComponents<MudBlazor.MudSelect<int?>>().Single();
        page.InvokeAsync(() => switcher.Instance.ValueChanged.InvokeAsync(0));
        page.WaitForAssertion(() => Assert.StartsWith("/export/products.csv?store=all", page.Find("a[data-testid=export-csv]").GetAttribute("href")));
    }

    [Fact]
    public async Task TicksSurviveALookAtAnotherPageAndComingBack()
    {
        Products.Rows[2] = TestCatalogue.Rows(30);
        var page = RenderPage("/?size=10");
        Tick(page, 1);
        NextPage(page);
        page.WaitForAssertion(() => Assert.Equal("Product 011", FirstTitle(page)));
        Tick(page, 0);

        await DisposeComponentsAsync(); // to the Activity Log and back
        var again = Render<ProductsPage>();

        again.WaitForAssertion(() => Assert.Equal("2", again.Find("[data-testid=bulk-bar] b").TextContent));
        again.WaitForAssertion(() => Assert.Equal("Product 011", FirstTitle(again))); // the page it was on (its URL)
        Assert.Equal([true, false, false], Ticks(again).Take(3));
        Assert.Contains("1 of the selected is not on this page", again.Find("[data-testid=selected-off-page]").TextContent);
    }

    [Fact]
    public void BackToAFilteredPageShowsThatPageAndAddsNoEntryOfItsOwn()
    {
        Products.Rows[2] = TestCatalogue.Rows(200);
        var page = RenderPage("/?page=7");
        page.WaitForAssertion(() => Assert.Equal("Product 151", FirstTitle(page)));

        page.InvokeAsync(() => page.FindAll(".mud-chip").Single(c => c.TextContent.Trim().EndsWith("Problems", StringComparison.Ordinal)).Click());
        page.WaitForAssertion(() => Assert.Equal(ProductStatusFilter.Problems, Products.LastQuery.Status));
        var entries = Navigation.History.Count;

        page.InvokeAsync(() => Navigation.NavigateTo("/?store=2&page=7")); // Back
        page.WaitForAssertion(() => Assert.Equal((ProductStatusFilter.All, 6), (Products.LastQuery.Status, Products.LastQuery.Page)));
        page.WaitForAssertion(() => Assert.Equal("Product 151", FirstTitle(page)));
        Assert.DoesNotContain(Navigation.History.Take(Navigation.History.Count - entries), h => !h.Options.ReplaceHistoryEntry && h.Uri != "/?store=2&page=7" && !h.Uri.EndsWith("/?store=2&page=7", StringComparison.Ordinal));
    }
}
