using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.EndToEnd;

/// <summary>A merchant's day in the browser: selection they can trust, named failures, the Destination side, export, phone, theme.</summary>
public sealed partial class DashboardBrowserTests
{
    /// <summary>Elements (visible, not inside a box that scrolls or clips them) reaching past the viewport's sides, described.</summary>
    private const string WiderThanViewport = """
        () => {
          const vw = document.documentElement.clientWidth, out = [];
          const clipped = el => { for (let a = el.parentElement; a; a = a.parentElement) { const o = getComputedStyle(a).overflowX; if (o !== 'visible') return true; } return false; };
          for (const el of document.querySelectorAll('body *')) {
            if (el.closest('.mud-popover:not(.mud-popover-open)')) continue;
            const r = el.getBoundingClientRect();
            const onScreen = r.right > 0 && r.left < vw; // a closed drawer parked beside the screen is not on it
            if (r.width && r.height && onScreen && (r.right > vw + 1 || r.left < -1) && !clipped(el)) out.push(el.tagName + '.' + String(el.className).slice(0, 50) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
          }
          return out.concat(document.documentElement.scrollWidth > vw ? ['the page scrolls sideways: ' + document.documentElement.scrollWidth] : []);
        }
        """;

    private async Task<IPage> SignedInAsync(int width, int height, ColorScheme colorScheme = ColorScheme.Light)
    {
        await _dashboard.EnsureUserAsync("owner", SyncDashboard.Core.Users.DashboardRoles.Owner);
        var page = await browser.NewPageAsync(width, height, colorScheme);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        await BrowserFixture.SignInAsync(page, _dashboard, "owner", DashboardApp.TestPassword);
        return page;
    }

    private async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(_dashboard.BaseUrl, path).ToString());
        if (!path.StartsWith("/account/", StringComparison.Ordinal)) // the account pages are plain forms, without a circuit
        {
            await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        }
    }

    [Fact]
    public async Task OnAPhoneNoPageIsWiderThanTheScreenAndTheDrawerClosesWithItsOwnToggle()
    {
        var page = await SignedInAsync(390, 844);
        foreach (var path in new[] { "/", "/destination", "/jobs", "/activity", "/bulk-mapper", "/stores", "/users", "/account/profile" })
        {
            await GoAsync(page, path);
            await page.WaitForTimeoutAsync(500); // the grids' first page
            var wide = await page.EvaluateAsync<string[]>(WiderThanViewport);
            Assert.True(wide.Length == 0, $"{path}: {string.Join("; ", wide)}");
        }

        await GoAsync(page, "/");
        await Assertions.Expect(page.Locator("[data-testid=product-grid] tbody tr").First).ToBeVisibleAsync();
        var toggle = page.GetByLabel("Toggle navigation");
        await toggle.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-drawer-overlay--open")).ToBeVisibleAsync();
        await toggle.ClickAsync(new() { Timeout = 5_000 }); // not under the overlay
        await Assertions.Expect(page.Locator(".mud-drawer-overlay--open")).ToHaveCountAsync(0);
        // Going to a page from the open drawer closes it (it lies over the page on a phone).
        await toggle.ClickAsync();
        await page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/jobs$"));
        await Assertions.Expect(page.Locator(".mud-drawer-overlay--open")).ToHaveCountAsync(0);
        // The bell, the theme and the account stay on screen, and the bell's menu fits.
        foreach (var label in new[] { "Toggle dark theme", "Your account" })
        {
            var box = await page.GetByLabel(label).BoundingBoxAsync();
            Assert.True(box is { } b && b.X >= 0 && b.X + b.Width <= 390, $"{label} is off-screen");
        }
        await page.Locator("[data-testid=activity-bell] button").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open [data-testid=activity-latest]")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('.mud-popover-open [data-testid=activity-latest]').getBoundingClientRect().left >= 0");
        var menu = await page.Locator(".mud-popover-open [data-testid=activity-latest]").BoundingBoxAsync();
        Assert.True(menu is { } m && m.X >= 0 && m.X + m.Width <= 390, $"the bell's menu spans {menu?.X}..{menu?.X + menu?.Width}");
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task AtAWideScreenEveryRowsButtonsAreWhole()
    {
        var page = await OpenAsync("/?store=2&status=notsynced");
        var clipped = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('[data-testid=map-product], [data-testid=view-details]')].filter(b => {
              const r = b.getBoundingClientRect(), c = b.closest('.mud-table-container').getBoundingClientRect();
              return r.right > c.right + 1 || r.left < c.left - 1; }).length
            """);
        Assert.Equal(0, clipped);
        Assert.True(await page.Locator("[data-testid=map-product]").CountAsync() > 0);
    }

    [Fact]
    public async Task TicksSurvivePagingAllMatchingShowsAsSuchAndTheConfirmationNamesTheProducts()
    {
        var page = await OpenAsync("/?store=2&size=10");
        var boxes = page.Locator("[data-testid=product-grid] tbody tr input[type=checkbox]");
        var firstTitle = (await page.Locator("[data-testid=product-grid] tbody tr td.title-cell").First.InnerTextAsync()).Trim();
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(2).CheckAsync();

        await page.GetByLabel("Next page").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("page=2"));
        await Assertions.Expect(page.Locator("[data-testid=selected-off-page]")).ToContainTextAsync("2 of the selected are not on this page");
        await page.GetByLabel("Previous page").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=product-grid] tbody tr td.title-cell").First).ToHaveTextAsync(firstTitle);
        await Assertions.Expect(boxes.Nth(0)).ToBeCheckedAsync();
        await Assertions.Expect(boxes.Nth(2)).ToBeCheckedAsync();
        await Assertions.Expect(boxes.Nth(1)).Not.ToBeCheckedAsync();

        await page.Locator("[data-testid=product-grid] thead input[type=checkbox]").CheckAsync();
        await Assertions.Expect(page.Locator("[data-testid=selection-banner]")).ToContainTextAsync("All 10 on this page are selected");
        await page.Locator("[data-testid=select-all-matching]").ClickAsync();
        int total;
        await using (var db = await _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync())
        {
            total = await db.Products.CountAsync(p => p.StoreId == 2);
        }
        await Assertions.Expect(page.Locator("[data-testid=selection-banner]")).ToContainTextAsync($"All {total} matching are selected");
        await Assertions.Expect(page.Locator("[data-testid=product-grid] thead input[type=checkbox]")).ToBeCheckedAsync();
        await page.GetByLabel("Next page").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("page=2"));
        for (var i = 0; i < await boxes.CountAsync(); i++)
        {
            await Assertions.Expect(boxes.Nth(i)).ToBeCheckedAsync();
        }

        await page.Locator("[data-testid=sync-selected]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator(".mud-dialog-title")).ToContainTextAsync($"Sync {total} products?");
        await Assertions.Expect(dialog.Locator("[data-testid=confirm-products-titles] li")).ToHaveCountAsync(5);
        await Assertions.Expect(dialog.Locator("[data-testid=confirm-products-more]")).ToHaveTextAsync($"and {total - 5} more");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await page.Locator("[data-testid=selection-banner] button").ClickAsync(); // Clear
        await Assertions.Expect(page.Locator("[data-testid=bulk-bar]")).ToHaveCountAsync(0);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task FailuresAreNamedProductByProductWithTheWayToEachOutcome()
    {
        List<string> problems;
        await using (var db = await _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync())
        {
            problems = await db.Products.Where(p => p.StoreId == 2 && p.Problem == SkuProblem.MissingSku).OrderBy(p => p.Title).Select(p => p.Title).Take(2).ToListAsync();
        }
        Assert.NotEmpty(problems);
        var page = await OpenAsync("/?store=2&status=problems&q=" + Uri.EscapeDataString(problems[0]));
        await page.Locator("[data-testid=product-grid] tbody tr input[type=checkbox]").First.CheckAsync();

        await page.Locator("[data-testid=sync-selected]").ClickAsync();

        var failure = page.Locator(".mud-snackbar", new() { HasTextString = problems[0] }).Filter(new() { HasNotTextString = "Bulk sync" });
        await Assertions.Expect(failure).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await failure.GetByRole(AriaRole.Button, new() { Name = "See each product" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/jobs/[0-9a-f-]{36}"));
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(problems[0]);
    }

    [Fact]
    public async Task TheDestinationPageSaysWhatEachProductFollowsAndOffersTheActionsThatFit()
    {
        long sourceId;
        string title;
        await using (var db = await _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync())
        {
            var product = await db.Syncable(2).OrderBy(p => p.Id).FirstAsync();
            (sourceId, title) = (product.Id, product.Title);
        }
        await using (var scope = _dashboard.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProductSyncService>().SyncAsync(sourceId);
        }

        var page = await SignedInAsync(1440, 900);
        await GoAsync(page, "/destination?status=synced");
        var row = page.Locator("[data-testid=destination-grid] tbody tr", new() { HasTextString = title });
        await Assertions.Expect(row.Locator("[data-testid=follows]")).ToHaveTextAsync(title, new() { Timeout = 20_000 });
        await Assertions.Expect(row).ToContainTextAsync("Urban Threads · Synced");
        await Assertions.Expect(row.Locator("[data-testid=unsync-destination]")).ToBeVisibleAsync();

        await page.Locator(".mud-chip", new() { HasTextString = "Follows none" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=notsynced"));
        await Assertions.Expect(page.Locator("[data-testid=follows]").First).ToHaveTextAsync("Follows no Source product");
        await Assertions.Expect(page.Locator("[data-testid=map-destination]").First).ToBeVisibleAsync();
        await page.GoBackAsync(); // the filter change is a history entry
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=synced"));

        // The details show both sides, with the way to the Destination product.
        await row.Locator("[data-testid=view-details]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=side-source]")).ToContainTextAsync("Urban Threads");
        await Assertions.Expect(page.Locator("[data-testid=side-destination] [data-testid=destination-link]")).ToHaveAttributeAsync("href", new Regex("/admin/products/\\d+"));
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task ExportDownloadsEveryProductTheGridsFilterMatches()
    {
        var page = await OpenAsync("/?store=2&status=notsynced");
        int expected;
        await using (var db = await _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync())
        {
            expected = await db.Products.CountAsync(p => p.StoreId == 2 && p.SyncState == SyncState.NotSynced);
        }

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-csv]").ClickAsync());

        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        using var reader = new StreamReader(await download.PathAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Select(r => (IDictionary<string, object>)r).ToList();
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Equal("Not synced", r["Status"]));
    }

    [Fact]
    public async Task TheThemeFollowsTheSystemUntilChosenAndTheChoiceIsRemembered()
    {
        const string dark = "() => { const c = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return (c[0] + c[1] + c[2]) / 3 < 100; }";
        var night = await SignedInAsync(1440, 900, ColorScheme.Dark);
        await GoAsync(night, "/jobs");
        await Assertions.Expect(night.Locator("body")).ToBeVisibleAsync();
        await night.WaitForFunctionAsync(dark); // the system's preference, no choice made

        var day = await SignedInAsync(1440, 900);
        await GoAsync(day, "/jobs");
        Assert.False(await day.EvaluateAsync<bool>(dark));
        await day.GetByLabel("Toggle dark theme").ClickAsync();
        await day.WaitForFunctionAsync(dark);
        await day.ReloadAsync();
        await Assertions.Expect(day.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await day.WaitForFunctionAsync(dark); // remembered over the system's light preference
    }

    [Fact]
    public async Task NavigationsCutShortAndAnEndedSessionLogNoErrorOnTheServer()
    {
        var page = await OpenAsync("/?store=2");
        // Links clicked faster than pages load, filters and searches changed mid-load, Back and Forward.
        for (var round = 0; round < 3; round++)
        {
            foreach (var name in new[] { "Destination", "Jobs", "Activity Log", "Products", "Bulk Mapper", "Stores" })
            {
                await page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
                await page.WaitForTimeoutAsync(40); // the next click lands before this page has loaded
            }
        }
        await GoAsync(page, "/?store=2");
        await page.GetByLabel("Search products").FillAsync("a");
        await page.GetByRole(AriaRole.Button, new() { Name = "Not synced", Exact = true }).ClickAsync();
        await page.GetByLabel("Search products").FillAsync("al");
        // Back, Back, Forward as the browser's buttons do it, without waiting for a load in between (the page routes them
        // itself, and the second Back may leave it: Playwright's own GoBack would fail on that aborted load).
        foreach (var step in new[] { "history.back()", "history.back()", "history.forward()" })
        {
            await page.EvaluateAsync(step);
            await page.WaitForTimeoutAsync(150);
        }
        await page.WaitForTimeoutAsync(1_000);
        // The session ends while the page is open (signed out in another tab): the page goes to sign-in at its next check.
        var other = await browser.NewSignedInPageAsync(_dashboard);
        await other.GotoAsync(new Uri(_dashboard.BaseUrl, "/jobs").ToString());
        await Assertions.Expect(other.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await other.GetByLabel("Your account").ClickAsync();
        await other.Locator("[data-testid=sign-out]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"), new() { Timeout = 15_000 });
        await page.WaitForTimeoutAsync(1_000);

        var errors = _serverLog.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => $"{l.Category}: {l.Message} {l.Exception?.GetType().Name}").ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
