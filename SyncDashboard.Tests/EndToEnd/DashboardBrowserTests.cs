using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.EndToEnd;

/// <summary>The dashboard in real headless Chromium, against the app on loopback with its demo stores.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DashboardBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private DashboardApp _dashboard = null!;
    private readonly List<string> _consoleErrors = [];

    public async Task InitializeAsync()
    {
        _dashboard = await DashboardApp.StartAsync(new Dictionary<string, string?>
        {
            ["DemoStores:Catalogue:ProductsPerSource"] = "40",
            ["DemoStores:Catalogue:DestinationOnlyProducts"] = "10",
        });
        await _dashboard.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public async Task SearchSelectThreeAndSyncCreatesExactlyThoseThreeInTheDestination()
    {
        var page = await OpenAsync("/?store=2");
        var destination = _dashboard.DemoStore("northwind-outlet");
        var before = destination.ProductCount;
        var unreadBefore = await UnreadAsync(page);

        await page.GetByLabel("Search products").FillAsync("SA-");
        await Assertions.Expect(page.Locator("[data-testid=product-grid] tbody tr").First).ToContainTextAsync("SA-");
        var rows = page.Locator("[data-testid=product-grid] tbody tr").Filter(new() { Has = page.Locator("[data-testid=status-chip]", new() { HasTextString = "Not synced" }) });
        var titles = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var row = rows.Nth(i);
            titles.Add((await row.Locator("td").Nth(2).InnerTextAsync()).Trim());
            await row.Locator("input[type=checkbox]").CheckAsync();
        }
        await Assertions.Expect(page.Locator("[data-testid=bulk-bar]")).ToContainTextAsync("3 selected");
        await page.Locator("[data-testid=sync-selected]").ClickAsync();
        await Assertions.Expect(page.GetByText("Syncing finished: 3 succeeded, 0 failed.")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        Assert.Equal(before + 3, destination.ProductCount);
        var created = await DestinationProductsAsync();
        foreach (var title in titles)
        {
            var copy = Assert.Single(created, p => p["title"]!.GetValue<string>() == title && p["tags"]!.GetValue<string>().Contains("syncdashboard-source-"));
            Assert.NotEmpty(copy["variants"]!.AsArray());
            Assert.All(copy["variants"]!.AsArray(), v => Assert.StartsWith("SA-", v!["sku"]!.GetValue<string>()));
        }
        await Assertions.Expect(page.Locator("[data-testid=activity-bell-button]")).ToHaveAttributeAsync("aria-label", $"Activity Log, {unreadBefore + 3} unread");

        await page.Locator("[data-testid=view-details]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=variants-table]")).ToBeVisibleAsync();
        Assert.Empty(_consoleErrors);
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await browser.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(_dashboard.BaseUrl, path).ToString());
        // Interactive once the circuit is up: the grid has rows.
        await Assertions.Expect(page.Locator("[data-testid=product-grid] tbody tr").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        return page;
    }

    private static async Task<int> UnreadAsync(IPage page)
    {
        var label = await page.Locator("[data-testid=activity-bell-button]").GetAttributeAsync("aria-label");
        return int.Parse(UnreadLabel().Match(label!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<JsonObject>> DestinationProductsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_dashboard.DemoStore("northwind-outlet").BaseUrl, "admin/api/2025-07/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "shpat_demo_northwind_outlet");
        var products = await http.GetFromJsonAsync<JsonObject>("products.json?limit=250");
        return [.. products!["products"]!.AsArray().Select(p => p!.AsObject())];
    }

    [GeneratedRegex(@"Activity Log, (\d+) unread")]
    private static partial Regex UnreadLabel();
}
