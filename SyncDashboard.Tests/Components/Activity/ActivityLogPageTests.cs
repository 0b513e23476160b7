using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SyncDashboard.Components.Pages.Activity;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Connections;

namespace SyncDashboard.Tests.Components.Activity;

public sealed class ActivityLogPageTests : DashboardTestContext
{
    public ActivityLogPageTests()
    {
        Stores.AddDemoStores();
        Activity.Add("Synced \"Linen Shirt\".", ActivityKind.Sync, ActivitySeverity.Success, "Linen Shirt", "LS-S", storeId: 2);
        Activity.Add("Sync of \"Wool Beanie\" failed: 503.", ActivityKind.Failure, ActivitySeverity.Error, "Wool Beanie", "WB-1", storeId: 2);
    }

    private IRenderedComponent<ActivityLogPage> RenderPage(string url = "/activity")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        RenderProviders();
        var page = Render<ActivityLogPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(Activity.Queries));
        return page;
    }

    private void Choose<T>(IRenderedComponent<ActivityLogPage> page, string testId, T value)
    {
        var select = page.FindComponents<MudSelect<T>>().Single(s => s.Find("[data-testid]") is { } e && e.GetAttribute("data-testid") == testId);
        page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    [Fact]
    public void EntriesAreListedNewestFirstWithLinksToTheirProduct()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=activity-grid] tbody tr").Count));
        var rows = page.FindAll("[data-testid=activity-grid] tbody tr");
        Assert.Contains("Wool Beanie", rows[0].TextContent);
        Assert.Contains("activity-unread", rows[0].ClassName);
        var link = rows[1].QuerySelector("a")!;
        Assert.Equal("Linen Shirt", link.TextContent.Trim());
        Assert.Equal("?q=LS-S&store=2", link.GetAttribute("href"));
    }

    [Fact]
    public void TheUserInTheUrlFiltersTheLogAndEachEntrySaysWhoDidIt()
    {
        Activity.Add("Unsynced \"Linen Shirt\" and deleted its copy.", ActivityKind.Unsync, ActivitySeverity.Warning, "Linen Shirt", "LS-S", storeId: 2).User = "olga";

        var page = RenderPage("/activity?user=olga");

        Assert.Equal("olga", Activity.Queries[^1].User);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=activity-grid] tbody tr")));
        Assert.EndsWith("olga", page.Find("[data-testid=activity-grid] tbody tr").TextContent.Trim());
    }

    [Fact]
    public void WhatTheDashboardDidByItselfSaysSystem()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=activity-grid] tbody tr").Count));
        Assert.All(page.FindAll("[data-testid=activity-grid] tbody tr"), row => Assert.EndsWith("System", row.TextContent.Trim()));
    }

    [Fact]
    public void KindInTheUrlFiltersTheLog()
    {
        var page = RenderPage("/activity?kind=failure");

        Assert.Equal(ActivityKind.Failure, Activity.Queries[^1].Kind);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=activity-grid] tbody tr")));
    }

    [Fact]
    public void SeverityStoreSkuAndDateFiltersReachTheQuery()
    {
        var page = RenderPage();

        Choose<ActivitySeverity?>(page, "activity-severity", ActivitySeverity.Error);
        page.WaitForAssertion(() => Assert.Equal(ActivitySeverity.Error, Activity.Queries[^1].Severity));

        Choose<int?>(page, "activity-store", 2);
        page.WaitForAssertion(() => Assert.Equal(2, Activity.Queries[^1].StoreId));

        page.Find("input[data-testid=activity-sku]").Input("WB-1");
        page.WaitForAssertion(() => Assert.Equal("WB-1", Activity.Queries[^1].Sku));

        var from = page.FindComponents<MudDatePicker>().Single(d => d.Instance.Label == "From");
        page.InvokeAsync(() => from.Instance.DateChanged.InvokeAsync(new DateTime(2026, 11, 20)));
        page.WaitForAssertion(() => Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), Activity.Queries[^1].From));

        var query = Activity.Queries[^1];
        Assert.Equal((ActivitySeverity?)ActivitySeverity.Error, query.Severity);
        Assert.Equal(2, query.StoreId);
        Assert.Equal("WB-1", query.Sku);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=activity-grid] tbody tr")));
    }

    [Fact]
    public void MarkingAllAsReadClearsTheUnreadEntries()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.activity-unread").Count));

        page.Find("[data-testid=mark-all-read-page]").Click();

        Assert.Equal(1, Activity.MarkReadCalls);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("tr.activity-unread")));
    }

    [Fact]
    public void NewEntriesAppearLive()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=activity-grid] tbody tr").Count));

        Activity.Add("Inventory of LS-S set to 4.", ActivityKind.InventoryUpdate, productTitle: "Linen Shirt", sku: "LS-S", storeId: 1);

        page.WaitForAssertion(() => Assert.Contains("Inventory of LS-S set to 4.", page.FindAll("[data-testid=activity-grid] tbody tr")[0].TextContent));
    }

    [Fact]
    public void KindsAreShownInWords()
    {
        Activity.Add("SKU LS-S: stock in Northwind Outlet set to 4.", ActivityKind.InventoryUpdate, ActivitySeverity.Success, "Linen Shirt", "LS-S", storeId: 2);
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Inventory update", page.FindAll("[data-testid=activity-kind-cell]").Select(c => c.TextContent)));
        Assert.DoesNotContain("InventoryUpdate", page.Markup);
    }

    [Fact]
    public void EveryFilterLivesInTheUrlAndAChangeAddsToTheHistory()
    {
        var page = RenderPage("/activity?severity=error&store=2&sku=WB&from=2026-11-01&to=2026-11-30&kind=failure&user=olga");

        var opened = Activity.Queries[^1];
        Assert.Equal((ActivitySeverity.Error, 2, "WB", ActivityKind.Failure, "olga"), (opened.Severity!.Value, opened.StoreId!.Value, opened.Sku, opened.Kind!.Value, opened.User));
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), (opened.From!.Value, opened.To!.Value));

        Choose<ActivitySeverity?>(page, "activity-severity", ActivitySeverity.Warning);

        var navigation = (Bunit.TestDoubles.BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("severity=Warning", navigation.Uri, StringComparison.Ordinal));
        Assert.Contains("sku=WB", navigation.Uri, StringComparison.Ordinal); // the other filters stay
        page.WaitForAssertion(() => Assert.Equal(ActivitySeverity.Warning, Activity.Queries[^1].Severity));
        Assert.True(navigation.History.Count >= 2); // a new history entry: Back undoes the change
        Assert.False(navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void TheExportButtonCarriesTheCurrentFilters()
    {
        var page = RenderPage("/activity?severity=error&store=2&sku=WB&from=2026-11-01&to=2026-11-30&kind=failure&user=olga");

        var export = page.Find("a[data-testid=export-csv]");
        Assert.Equal("/export/activity.csv?kind=Failure&severity=Error&store=2&sku=WB&user=olga&from=2026-11-01&to=2026-11-30", export.GetAttribute("href"));
        Assert.True(export.HasAttribute("download")); // a download, not a page the app's router would try to show
        Assert.Contains("Export CSV", export.TextContent, StringComparison.Ordinal);

        Choose<ActivitySeverity?>(page, "activity-severity", ActivitySeverity.Warning);

        page.WaitForAssertion(() => Assert.Contains("severity=Warning", page.Find("a[data-testid=export-csv]").GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains("sku=WB", page.Find("a[data-testid=export-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutFiltersTheExportButtonExportsTheWholeLog()
    {
        var page = RenderPage();

        Assert.Equal("/export/activity.csv", page.Find("a[data-testid=export-csv]").GetAttribute("href"));
    }
}
