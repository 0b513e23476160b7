using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SyncDashboard.Components.Layout;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Connections;

namespace SyncDashboard.Tests.Components.Layout;

public sealed class LayoutTests : DashboardTestContext
{
    public LayoutTests() => Stores.AddDemoStores();

    private static string BellLabel(IRenderedComponent<ActivityBell> bell) =>
        bell.Find("[data-testid=activity-bell] button").GetAttribute("aria-label")!;

    [Fact]
    public void BellBadgeShowsTheUnreadCountAndFollowsTheLogLive()
    {
        Activity.Add("Synced \"Linen Shirt\".");
        Activity.Add("Inventory of LS-S set to 4.", ActivityKind.InventoryUpdate);
        RenderProviders();

        var bell = Render<ActivityBell>();

        bell.WaitForAssertion(() => Assert.Equal("Activity Log, 2 unread", BellLabel(bell)));
        Assert.Contains("2", bell.Find(".mud-badge").TextContent);

        Activity.Add("Sync of \"Wool Beanie\" failed: 503.", ActivityKind.Failure, ActivitySeverity.Error);
        bell.WaitForAssertion(() => Assert.Equal("Activity Log, 3 unread", BellLabel(bell)));

        bell.InvokeAsync(() => Activity.MarkReadAsync());
        bell.WaitForAssertion(() => Assert.Equal("Activity Log, 0 unread", BellLabel(bell)));
        Assert.DoesNotContain(bell.FindAll(".mud-badge"), b => b.TextContent.Trim().Length > 0);
    }

    [Fact]
    public void BellOpensTheLatestEntriesAndMarksThemRead()
    {
        Activity.Add("Synced \"Linen Shirt\".");
        Activity.Add("Sync of \"Wool Beanie\" failed: 503.", ActivityKind.Failure, ActivitySeverity.Error);
        RenderProviders();
        var bell = Render<ActivityBell>();

        bell.Find("[data-testid=activity-bell] button").Click();

        PopoverHost.WaitForAssertion(() => Assert.Contains("Sync of \"Wool Beanie\" failed: 503.", PopoverHost.Find("[data-testid=activity-latest]").TextContent));
        Assert.Equal(10, Activity.Queries[^1].PageSize);
        PopoverHost.FindAll("[data-testid=mark-all-read]").Single().Click();
        Assert.Equal(1, Activity.MarkReadCalls);
        bell.WaitForAssertion(() => Assert.Equal("Activity Log, 0 unread", BellLabel(bell)));
    }

    [Fact]
    public void BellStopsListeningWhenDisposed()
    {
        RenderProviders();
        var bell = Render<ActivityBell>();

        bell.Instance.Dispose();

        var listeners = typeof(Fakes.TestActivityLog).GetField("Changed", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .GetValue(Activity) as Delegate;
        Assert.Null(listeners);
    }

    [Fact]
    public void AppBarNamesTheDestinationLeadingToItsCatalogueAndHasNoSecondSourceSwitcher()
    {
        RenderProviders();
        var switcher = Render<StoreSwitcher>();

        switcher.WaitForAssertion(() => Assert.Contains("Northwind Outlet", switcher.Find("[data-testid=destination-name]").TextContent));
        Assert.Equal("destination", switcher.Find("[data-testid=destination-name]").GetAttribute("href"));
        Assert.Empty(switcher.FindAll("[data-testid=source-switcher]")); // one store switcher: the Products page's
    }

    [Fact]
    public void LayoutNavigatesToEveryPageAndTogglesTheDarkTheme()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        var links = layout.FindAll(".mud-navmenu a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Products", ""), ("Destination", "destination"), ("Bulk Mapper", "bulk-mapper"), ("Jobs", "jobs"), ("Activity Log", "activity"), ("Stores", "stores"), ("Users", "users")], links); // the Owner's
        Assert.Contains("page body", layout.Markup);

        string ThemeTooltip() => layout.FindComponents<MudTooltip>().Select(t => t.Instance.Text ?? "").Single(t => t.Contains("theme", StringComparison.Ordinal));
        Assert.Equal("Switch to dark theme", ThemeTooltip());
        layout.Find("button[aria-label='Toggle dark theme']").Click();
        layout.WaitForAssertion(() => Assert.Equal("Switch to light theme", ThemeTooltip()));
    }

    [Fact]
    public void TheThemeChosenIsRememberedInTheBrowser()
    {
        JSInterop.Setup<string?>("localStorage.getItem", MainLayout.ThemeKey).SetResult("dark");
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));
        string ThemeTooltip() => layout.FindComponents<MudTooltip>().Select(t => t.Instance.Text ?? "").Single(t => t.Contains("theme", StringComparison.Ordinal));

        layout.WaitForAssertion(() => Assert.Equal("Switch to light theme", ThemeTooltip())); // dark, as chosen before the reload
        layout.Find("button[aria-label='Toggle dark theme']").Click();

        layout.WaitForAssertion(() => Assert.Equal("Switch to dark theme", ThemeTooltip()));
        var saved = JSInterop.VerifyInvoke("localStorage.setItem");
        Assert.Equal([MainLayout.ThemeKey, "light"], saved.Arguments);
    }

    [Fact]
    public void WithNoChoiceMadeTheSystemsPreferenceDecides()
    {
        JSInterop.Setup<string?>("localStorage.getItem", MainLayout.ThemeKey).SetResult(null);
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        layout.WaitForAssertion(() => Assert.Equal("Switch to light theme",
            layout.FindComponents<MudTooltip>().Select(t => t.Instance.Text ?? "").Single(t => t.Contains("theme", StringComparison.Ordinal))));
    }
}
