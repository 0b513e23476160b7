using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores;

namespace SyncDashboard.Tests.EndToEnd;

// Connecting a Source from the Stores page: by the app's client id and secret, and by an install link its owner approves.
public sealed partial class DashboardBrowserTests
{
    [Fact]
    public async Task ASourceIsConnectedByItsAppsClientIdAndSecretThroughTheForm()
    {
        // A store of the merchant's own organisation whose only app is one of the Dev Dashboard (no legacy token).
        await using var own = await StartStoreAsync("coastal-supply", "client-coastal-supply", "shpss_coastal_supply", "Lantern", "LANTERN-1");
        var page = await OpenStoresAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Client id and secret" }).CheckAsync();
        await page.Locator("input[data-testid=new-store-name]").FillAsync("Coastal Supply");
        await page.Locator("input[data-testid=new-store-url]").FillAsync(own.BaseUrl.ToString());
        await page.Locator("input[data-testid=new-store-client-id]").FillAsync("client-coastal-supply");
        await page.Locator("input[data-testid=new-store-client-secret]").FillAsync("shpss_coastal_supply");
        await page.Locator("[data-testid=test-connection]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=connection-test]")).ToHaveTextAsync("Reached coastal-supply (coastal-supply.myshopify.com): its credentials were accepted. Connect it to start.");
        await page.Locator("[data-testid=connect-store]").ClickAsync();

        var card = page.Locator("[data-testid=store-card]").Filter(new() { HasTextString = "Coastal Supply" });
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(card.Locator("[data-testid=product-count]")).ToContainTextAsync("1 products mirrored");
        var connection = await StoreConnectionAsync("Coastal Supply");
        Assert.Equal((StoreCredentialKind.ClientCredentials, "client-coastal-supply", ""), (connection.Credentials, connection.ClientId, connection.ProtectedAccessToken));
        Assert.Equal(4, own.Catalogue.ListWebhooks().Count);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task ASourceIsConnectedByAnInstallLinkItsOwnerApprovesOnTheStore()
    {
        // A store of another merchant: only its owner's approval of the app opens it.
        await using var other = await StartStoreAsync("other-shop", "client-other-shop", "shpss_other_shop", "Teapot", "TEAPOT-1");
        var page = await OpenStoresAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Install link" }).CheckAsync();
        await page.Locator("input[data-testid=new-store-name]").FillAsync("Other Shop");
        await page.Locator("input[data-testid=new-store-url]").FillAsync(other.BaseUrl.ToString());
        await page.Locator("input[data-testid=new-store-client-id]").FillAsync("client-other-shop");
        await page.Locator("input[data-testid=new-store-client-secret]").FillAsync("shpss_other_shop");
        await Assertions.Expect(page.Locator("[data-testid=install-scopes] li")).ToHaveTextAsync(
            ["read_products", "write_products", "read_inventory", "write_inventory", "read_locations"]);
        await page.Locator("[data-testid=create-install-link]").ClickAsync();
        await Assertions.Expect(page.Locator("input[data-testid=install-link]")).ToHaveValueAsync(
            new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(other.BaseUrl.GetLeftPart(UriPartial.Authority)) + "/admin/oauth/authorize\\?client_id=client-other-shop&"));

        // The owner opens the link (a new tab), approves on the store's install page, and lands back on the Stores page.
        var install = await page.Context.RunAndWaitForPageAsync(() => page.Locator("[data-testid=open-install-link]").ClickAsync());
        install.Console += (_, message) =>
        {
            // The demo store's own install page (Shopify's, in real life) is not the dashboard's to answer for.
            if (message.Type == "error" && !message.Location.StartsWith(other.BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
            {
                _consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        await Assertions.Expect(install.Locator("h1")).ToHaveTextAsync("Install app");
        await Assertions.Expect(install.Locator("#client-id")).ToHaveTextAsync("client-other-shop");
        await install.GetByRole(AriaRole.Button, new() { Name = "Install app" }).ClickAsync();

        await Assertions.Expect(install).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/stores\?install=\d+$"), new() { Timeout = 30_000 });
        await Assertions.Expect(install.Locator("[data-testid=install-outcome]")).ToHaveTextAsync(
            "Connected Other Shop (other-shop.myshopify.com): its owner approved the install, its catalogue was read and its webhooks subscribed.", new() { Timeout = 30_000 });
        var card = install.Locator("[data-testid=store-card]").Filter(new() { HasTextString = "Other Shop" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator("[data-testid=product-count]")).ToContainTextAsync("1 products mirrored");
        var connection = await StoreConnectionAsync("Other Shop");
        Assert.Equal((StoreCredentialKind.AuthorizationCode, "client-other-shop", "other-shop.myshopify.com"), (connection.Credentials, connection.ClientId, connection.ShopDomain));
        Assert.Empty(_consoleErrors);
    }

    /// <summary>A demo store of its own, whose app has only a client id and secret, with one product.</summary>
    private async Task<DemoStoreServer> StartStoreAsync(string name, string clientId, string clientSecret, string title, string sku)
    {
        var store = await DemoStoreServer.StartAsync(new DemoStoreOptions
        {
            Name = name, Domain = $"{name}.myshopify.com", AccessToken = "", WebhookSecret = "legacy-secret", ClientId = clientId, ClientSecret = clientSecret,
        }, _dashboard.Data.File($"{name}.db"));
        _dashboard.AllowStoreAddress(store.BaseUrl);
        await store.SeedAsync([new ShopifyProduct { Title = title, Variants = [new ShopifyVariant { Sku = sku, Price = 25m, InventoryQuantity = 3 }] }]);
        return store;
    }

    private async Task<IPage> OpenStoresAsync()
    {
        var page = await browser.NewSignedInPageAsync(_dashboard);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(_dashboard.BaseUrl, "/stores").ToString());
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=store-card]")).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        return page;
    }

    private async Task<StoreConnection> StoreConnectionAsync(string name)
    {
        await using var db = await _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync();
        return await db.StoreConnections.AsNoTracking().SingleAsync(c => c.Name == name);
    }
}
