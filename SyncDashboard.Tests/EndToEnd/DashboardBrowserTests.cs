using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.EndToEnd;

/// <summary>The dashboard in real headless Chromium, against the app on loopback with its demo stores.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DashboardBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private DashboardApp _dashboard = null!;
    private readonly List<string> _consoleErrors = [];

    /// <summary>What the server logs while a test drives it.</summary>
    private readonly TestLogs _serverLog = new();

    public async Task InitializeAsync()
    {
        _dashboard = await DashboardApp.StartAsync(new Dictionary<string, string?>
        {
            ["DemoStores:Catalogue:ProductsPerSource"] = "40",
            ["DemoStores:Catalogue:DestinationOnlyProducts"] = "10",
            ["SyncDashboard:OpenPageRecheckInterval"] = "00:00:02", // a disabled user's open page ends within seconds, not a minute
        }, logs: _serverLog);
        await _dashboard.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public async Task SearchSelectThreeAndSyncCreatesExactlyThoseThreeInTheDestination()
    {
        var page = await OpenAsync("/");
        await Assertions.Expect(page.Locator("[data-testid=destination-name]")).ToContainTextAsync("Northwind Outlet");
        await page.Locator("[data-testid=store-switcher]").ClickAsync(); // the one store switcher, on the Products page
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToContainTextAsync("All Sources");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Urban Threads" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("store=2"));
        await Assertions.Expect(page.Locator("[data-testid=store-switcher]")).ToContainTextAsync("Urban Threads");
        var destination = _dashboard.DemoStore("northwind-outlet");
        var before = destination.ProductCount;
        var unreadBefore = await UnreadAsync(page);

        await page.GetByLabel("Search products").FillAsync("SA-");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=SA-")); // the search has reached the query and the URL
        // Products Sync creates anew (those whose SKUs the Destination already has are mapped, not synced).
        HashSet<string> syncable;
        await using (var db = await _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync())
        {
            syncable = [.. await db.Syncable(2).Where(p => p.SkuText.Contains("sa-")).Select(p => p.Title).ToListAsync()];
        }
        var rows = page.Locator("[data-testid=product-grid] tbody tr").Filter(new() { Has = page.Locator("[data-testid=status-chip]", new() { HasTextString = "Not synced" }) });
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var titles = new List<string>();
        for (var i = 0; titles.Count < 3 && i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            var title = (await row.Locator("td").Nth(2).InnerTextAsync()).Trim();
            if (syncable.Contains(title))
            {
                titles.Add(title);
                await row.Locator("input[type=checkbox]").CheckAsync();
            }
        }
        Assert.Equal(3, titles.Count);
        await Assertions.Expect(page.Locator("[data-testid=bulk-bar]")).ToContainTextAsync("3 selected");
        // The same view, bookmarked, in another browser: it shows the change live, without a reload.
        var other = await OpenAsync(new Uri(page.Url).PathAndQuery);
        await Assertions.Expect(other.GetByLabel("Search products")).ToHaveValueAsync("SA-");
        await page.Locator("[data-testid=sync-selected]").ClickAsync();
        await Assertions.Expect(page.GetByText("Bulk sync completed: 3 succeeded, 0 failed.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        foreach (var title in titles)
        {
            var row = other.Locator("[data-testid=product-grid] tbody tr").Filter(new() { HasTextString = title });
            await Assertions.Expect(row.Locator("[data-testid=status-chip]")).ToHaveTextAsync("Synced");
        }

        Assert.Equal(before + 3, destination.ProductCount);
        var created = await DestinationProductsAsync();
        foreach (var title in titles)
        {
            var copy = Assert.Single(created, p => p["title"]!.GetValue<string>() == title
                && destination.Catalogue.ListMetafields(p["id"]!.GetValue<long>(), "syncdashboard").Count == 1);
            Assert.NotEmpty(copy["variants"]!.AsArray());
            Assert.All(copy["variants"]!.AsArray(), v => Assert.StartsWith("SA-", v!["sku"]!.GetValue<string>()));
        }
        // Three syncs and the job's start and finish went well: in the log, but not counted by the bell (warnings and errors are).
        await Assertions.Expect(page.Locator("[data-testid=activity-bell] button")).ToHaveAttributeAsync("aria-label", $"Activity Log, {unreadBefore} unread");
        await page.Locator("[data-testid=activity-bell] button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=activity-latest]")).ToContainTextAsync($"Synced \"{titles[2]}\"");
        await page.Locator("[data-testid=mark-all-read]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=activity-bell] button")).ToHaveAttributeAsync("aria-label", "Activity Log, 0 unread");

        await page.Locator("[data-testid=view-details]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=variants-table]")).ToBeVisibleAsync();
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task IndividualMapperMapsOneProductAndTheGridShowsItMapped()
    {
        var mapper = _dashboard.Services.GetRequiredService<BulkMapper>();
        var match = (await mapper.RunAsync(dryRun: true)).Lines.First(l => l.Outcome == MappingOutcome.Mapped && l.SourceStoreId == 2);
        var sku = _dashboard.DemoStore("urban-threads").Catalogue.GetProduct(match.SourceProductId!.Value)["variants"]![0]!["sku"]!.GetValue<string>();
        var page = await OpenAsync("/?store=2");

        await page.GetByLabel("Search products").FillAsync(sku);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=" + Regex.Escape(sku)));
        var row = page.Locator("[data-testid=product-grid] tbody tr").Filter(new() { HasTextString = match.SourceTitle! });
        await row.Locator("[data-testid=map-product]").ClickAsync();
        await page.GetByLabel("Search the Destination store").FillAsync(sku);
        var candidates = page.Locator("[data-testid=mapper-candidate]");
        await Assertions.Expect(candidates).ToHaveCountAsync(1); // the SKU's one Destination product
        await Assertions.Expect(candidates).ToContainTextAsync(match.DestinationTitle);
        await candidates.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=mapper-pairs]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=mapper-problem]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=mapper-save]").ClickAsync();

        await Assertions.Expect(row.Locator("[data-testid=status-chip]")).ToHaveTextAsync("Mapped", new() { Timeout = 10_000 });
        var links = _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
        await using var db = await links.CreateDbContextAsync();
        var link = await db.ProductLinks.SingleAsync();
        Assert.Equal(match.SourceProductId, link.SourceProductId);
        Assert.Equal(match.DestinationProductId, link.DestinationProductId);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task BulkMapperShowsTheDryRunThenMapsWithTheSameCounts()
    {
        var page = await OpenAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk Mapper" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=bulk-dry-run]")).ToBeVisibleAsync();

        await page.Locator("[data-testid=bulk-dry-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=bulk-summary]")).ToContainTextAsync("Dry run:");
        var dryRun = await page.Locator("[data-testid=bulk-summary]").InnerTextAsync();
        var wouldMap = int.Parse(MappedCount().Match(dryRun).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("[data-testid=bulk-start]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=bulk-summary]")).ToContainTextAsync($"Result: {wouldMap} of");
        await Assertions.Expect(page.Locator("[data-testid=bulk-count]").Filter(new() { HasTextString = "Mapped" })).ToHaveTextAsync($"Mapped: {wouldMap}");

        var links = _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
        await using var db = await links.CreateDbContextAsync();
        Assert.True(wouldMap > 0);
        Assert.Equal(wouldMap, await db.ProductLinks.CountAsync());
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task DemoConsoleStockChangeIsFollowedByTheDestination()
    {
        var db = _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
        long productId;
        string title;
        await using (var context = await db.CreateDbContextAsync())
        {
            var product = await context.Syncable(2).Where(p => p.VariantCount == 1).FirstAsync();
            (productId, title) = (product.Id, product.Title);
        }
        var synced = await _dashboard.Services.GetRequiredService<Core.Syncing.ProductSyncService>().SyncAsync(productId);
        Assert.True(synced.Succeeded, synced.Message);
        var page = await OpenAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Stores" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=store-card]")).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        var console = page.Locator("[data-testid=demo-console]");
        await console.Locator("[data-testid=demo-store]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Urban Threads" }).ClickAsync();
        // The autocomplete may re-render its list under the click on a loaded machine: choose again until the product's details show.
        for (var attempt = 1; ; attempt++)
        {
            await console.GetByLabel("Product").FillAsync(title);
            await page.GetByRole(AriaRole.Option, new() { Name = title, Exact = true }).First.ClickAsync();
            try
            {
                await Assertions.Expect(console.GetByLabel("New stock")).ToBeVisibleAsync(new() { Timeout = 10_000 });
                break;
            }
            catch (Exception) when (attempt < 3)
            {
            }
        }
        await console.GetByLabel("New stock").FillAsync("33");
        await console.Locator("[data-testid=demo-set-quantity]").ClickAsync();
        await Assertions.Expect(page.GetByText("Stock set to 33 in the Source store")).ToBeVisibleAsync();

        var destination = _dashboard.DemoStore("northwind-outlet");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        int? stock = null;
        while (DateTime.UtcNow < deadline && stock != 33)
        {
            var copy = destination.Catalogue.GetProduct(synced.DestinationProductId!.Value);
            stock = copy["variants"]![0]!["inventory_quantity"]!.GetValue<int>();
            await Task.Delay(200);
        }
        Assert.Equal(33, stock);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task EverythingOnTheProductsPageWorksWithTheKeyboard()
    {
        var page = await OpenAsync("/?store=2");

        // Tab from the search box reaches the page's controls; the search is typed, not filled.
        await page.GetByLabel("Search products").FocusAsync();
        await page.Keyboard.TypeAsync("SA-");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=SA-"));

        // Status filter: a chip is focusable and Enter selects it.
        var problems = page.Locator(".mud-chip").Filter(new() { HasTextString = "Problems" });
        await problems.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=problems"));
        var all = page.Locator(".mud-chip").Filter(new() { HasTextString = "All" });
        await all.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("status="));

        // Space ticks a row's checkbox; the bulk bar's buttons take Enter.
        var row = page.Locator("[data-testid=product-grid] tbody tr").Filter(new() { Has = page.Locator("[data-testid=status-chip]", new() { HasTextString = "Not synced" }) }).First;
        var title = (await row.Locator("td").Nth(2).InnerTextAsync()).Trim();
        await row.Locator("input[type=checkbox]").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("[data-testid=bulk-bar]")).ToContainTextAsync("1 selected");

        // The eye icon opens the details with Enter, Escape closes them.
        await row.Locator("[data-testid=view-details]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=variants-table]")).ToBeVisibleAsync();
        await PressEscapeUntilGoneAsync(page, page.Locator("[data-testid=variants-table]"));

        await page.Locator("[data-testid=sync-selected]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Bulk sync completed: 1 succeeded, 0 failed.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=product-grid] tbody tr").Filter(new() { HasTextString = title }).Locator("[data-testid=status-chip]"))
            .ToHaveTextAsync("Synced", new() { Timeout = 10_000 });

        // The bell opens with Enter and its entries are reachable.
        await page.Locator("[data-testid=activity-bell] button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=activity-latest]")).ToContainTextAsync($"Synced \"{title}\"");
        await PressEscapeUntilGoneAsync(page, page.Locator("[data-testid=activity-latest]"));

        // Every icon-only button has a name a screen reader can read.
        var unnamed = await page.EvaluateAsync<int>("""
            [...document.querySelectorAll('button.mud-icon-button')]
              .filter(b => !(b.getAttribute('aria-label') || b.textContent.trim())).length
            """);
        Assert.Equal(0, unnamed);
        Assert.Empty(_consoleErrors);
    }

    /// <summary>
    /// Presses Escape, at a person's pace, until <paramref name="popup"/> has closed (three tries):
    /// MudBlazor attaches its key handler just after a dialog or menu first shows, so a key pressed in
    /// that instant is lost (measured: after a 500 ms pause the first Escape closed it in 12 runs of 12).
    /// </summary>
    private static async Task PressEscapeUntilGoneAsync(IPage page, ILocator popup)
    {
        await Task.Delay(500);
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await Assertions.Expect(popup).ToHaveCountAsync(0, new() { Timeout = 2_000 });
                return;
            }
            catch (Exception) when (attempt < 3)
            {
            }
        }
    }

    [Fact]
    public async Task ResyncAllLinkedRepairsDriftAndCancelStopsARunningResync()
    {
        var factory = _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>();
        List<long> ids;
        await using (var db = await factory.CreateDbContextAsync())
        {
            ids = await db.Syncable(2).OrderBy(p => p.Id).Take(5).Select(p => p.Id).ToListAsync();
        }
        var sync = _dashboard.Services.GetRequiredService<Core.Syncing.ProductSyncService>();
        foreach (var id in ids)
        {
            Assert.True((await sync.SyncAsync(id)).Succeeded);
        }
        List<Core.Linking.VariantLink> pairs;
        await using (var db = await factory.CreateDbContextAsync())
        {
            pairs = await db.VariantLinks.AsNoTracking().ToListAsync();
        }
        // Someone changes the Destination's stock, and its webhooks are lost: only a reconciliation can see it.
        var northwind = _dashboard.DemoStore("northwind-outlet");
        northwind.Faults.WebhookDropRate = 1;
        foreach (var pair in pairs)
        {
            northwind.Catalogue.SetInventoryLevel(pair.DestinationInventoryItemId, northwind.PrimaryLocationId, 888);
        }
        var page = await OpenAsync("/?store=2&status=synced");

        // A slow Destination: the Resync is still running when Cancel is pressed.
        northwind.Faults.AddedLatency = TimeSpan.FromMilliseconds(700);
        await page.Locator("[data-testid=resync-source]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=job-progress]")).ToContainTextAsync("Resync:");
        await page.Locator("[data-testid=cancel-job]").ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex("Resync cancelled: .*skipped"))).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Contains(pairs, p => Level(northwind, p.DestinationInventoryItemId) == 888); // not everything was done

        northwind.Faults.AddedLatency = TimeSpan.Zero;
        await page.Locator("[data-testid=resync-source]").ClickAsync();
        await Assertions.Expect(page.GetByText("Resync completed: 5 succeeded, 0 failed.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var urban = _dashboard.DemoStore("urban-threads");
        Assert.All(pairs, p => Assert.Equal(urban.Catalogue.ListInventoryLevels(new HashSet<long> { p.SourceInventoryItemId }, null).Sum(l => l.Available ?? 0),
            Level(northwind, p.DestinationInventoryItemId)));
        await Assertions.Expect(page.Locator("[data-testid=last-synced]").First).ToHaveTextAsync("just now");
        Assert.Empty(_consoleErrors);
    }

    private static int? Level(SyncDashboard.DemoStores.DemoStoreServer store, long item) =>
        store.Catalogue.ListInventoryLevels(new HashSet<long> { item }, new HashSet<long> { store.PrimaryLocationId }).Single().Available;

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await browser.NewSignedInPageAsync(_dashboard);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(_dashboard.BaseUrl, path).ToString());
        // Interactive once the circuit is up (input before that is lost), and the grid has rows.
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=product-grid] tbody tr").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        return page;
    }

    private static async Task<int> UnreadAsync(IPage page)
    {
        var label = await page.Locator("[data-testid=activity-bell] button").GetAttributeAsync("aria-label");
        return int.Parse(UnreadLabel().Match(label!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<JsonObject>> DestinationProductsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_dashboard.DemoStore("northwind-outlet").BaseUrl, "admin/api/2025-07/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "shpat_demo_northwind_outlet");
        var products = await http.GetFromJsonAsync<JsonObject>("products.json?limit=250");
        return [.. products!["products"]!.AsArray().Select(p => p!.AsObject())];
    }

    [GeneratedRegex(@"(\d+) of \d+ Destination products")]
    private static partial Regex MappedCount();

    [GeneratedRegex(@"Activity Log, (\d+) unread")]
    private static partial Regex UnreadLabel();
}
