using Bunit;
using MudBlazor;
using SyncDashboard.Components.Pages.Stores;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Stores;
using SyncDashboard.Tests.Components.Fakes;

namespace SyncDashboard.Tests.Components.Stores;

public sealed class StoresPageTests : DashboardTestContext
{
    public StoresPageTests()
    {
        Stores.Add(1, "Northwind Outlet", StoreRole.Destination);
        Stores.Add(2, "Urban Threads", StoreRole.Source);
        Products.Rows[1] = TestCatalogue.Rows(4);
        Products.Rows[2] = TestCatalogue.Rows(3);
    }

    private IRenderedComponent<StoresPage> RenderPage()
    {
        RenderProviders();
        var page = Render<StoresPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=store-card]").Count));
        return page;
    }

    private static void Fill(IRenderedComponent<StoresPage> page, string name, string url, string token, string secret)
    {
        page.Find("input[data-testid=new-store-name]").Change(name);
        page.Find("input[data-testid=new-store-url]").Change(url);
        page.Find("input[data-testid=new-store-token]").Change(token);
        page.Find("input[data-testid=new-store-secret]").Change(secret);
    }

    [Fact]
    public void ShowsEachConnectionWithItsRoleStatusAndProductCount()
    {
        Stores.Connections[1].Status = ConnectionStatus.Unreachable;
        Stores.Connections[1].LastError = "The store answered 503 three times.";

        var page = RenderPage();

        var cards = page.FindAll("[data-testid=store-card]");
        Assert.Contains("Northwind Outlet", cards[0].TextContent);
        Assert.Contains("Destination", cards[0].TextContent);
        Assert.Equal("4 products mirrored", cards[0].QuerySelector("[data-testid=product-count]")!.TextContent.Trim());
        Assert.Equal("Connected", cards[0].QuerySelector("[data-testid=store-status]")!.TextContent.Trim());
        Assert.Equal("Unreachable", cards[1].QuerySelector("[data-testid=store-status]")!.TextContent.Trim());
        Assert.Contains("The store answered 503 three times.", cards[1].TextContent);
        Assert.Empty(cards[0].QuerySelectorAll("[data-testid=save-settings]"));
        Assert.Single(cards[1].QuerySelectorAll("[data-testid=save-settings]"));
    }

    [Fact]
    public void AFailedConnectionTestIsExplainedAndConnectStaysDisabled()
    {
        Connector.TestResult = new ConnectionTestResult(false, "The store refused the access token.");
        var page = RenderPage();
        Fill(page, "Coastal Supply", "http://127.0.0.1:5104", "wrong-token", "secret");

        page.Find("[data-testid=test-connection]").Click();

        page.WaitForAssertion(() => Assert.Equal("The store refused the access token.", page.Find("[data-testid=connection-test]").TextContent.Trim()));
        var tested = Assert.Single(Connector.Tested);
        Assert.Equal(new NewStoreConnection("Coastal Supply", StoreRole.Source, "http://127.0.0.1:5104", "wrong-token", "secret"), tested);
        Assert.NotNull(page.Find("[data-testid=connect-store]").GetAttribute("disabled"));
    }

    [Fact]
    public void ConnectingAfterASuccessfulTestAddsTheStoreWithTheChosenLocation()
    {
        Connector.TestResult = new ConnectionTestResult(true, "Connected to Coastal Supply (coastal-supply.myshopify.com).",
            new StoreShop("Coastal Supply", "coastal-supply.myshopify.com", 501),
            [new StoreLocation(501, "Warehouse", true), new StoreLocation(502, "Shop floor", true)]);
        var page = RenderPage();
        Fill(page, "Coastal Supply", "http://127.0.0.1:5104", "shpat_token", "secret");

        page.Find("[data-testid=test-connection]").Click();
        page.WaitForAssertion(() => Assert.Contains("Connected to Coastal Supply", page.Find("[data-testid=connection-test]").TextContent));
        Assert.Single(page.FindComponents<MudSelect<long?>>());
        page.Find("[data-testid=connect-store]").Click();

        var connected = Assert.Single(Connector.Connected);
        Assert.Equal(("Coastal Supply", "http://127.0.0.1:5104", "shpat_token", "secret", (long?)501),
            (connected.Name, connected.BaseUrl, connected.AccessToken, connected.WebhookSecret, connected.LocationId));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=store-card]").Count));
        Assert.Contains("Connected Coastal Supply.", Snackbars);
        Assert.Empty(page.FindAll("[data-testid=connection-test]"));
    }

    [Fact]
    public void SavingASourcesSettingsSendsTheFieldsAndDeletePolicy()
    {
        var page = RenderPage();
        var images = page.FindComponents<MudCheckBox<bool>>().Single(c => c.Markup.Contains("Images", StringComparison.Ordinal));
        images.Find("input").Change(false);
        var policy = page.FindComponents<MudSelect<SourceDeletePolicy>>().Single();
        page.InvokeAsync(() => policy.Instance.ValueChanged.InvokeAsync(SourceDeletePolicy.Delete));

        page.Find("[data-testid=save-settings]").Click();

        var update = Assert.Single(Stores.SettingsUpdates);
        Assert.Equal((2, ProductFieldSync.All & ~ProductFieldSync.Images, SourceDeletePolicy.Delete), update);
        Assert.Contains("Saved the settings of Urban Threads.", Snackbars);
    }

    [Fact]
    public void DisconnectAsksForConfirmationThenRemovesTheStore()
    {
        var page = RenderPage();

        page.Find("[data-testid=disconnect-delete]").Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("every Destination product synced from it is deleted", DialogText()));
        ClickDialogButton("Cancel");
        Assert.Empty(Stores.Disconnects);

        page.Find("[data-testid=disconnect-delete]").Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("Disconnect & delete", DialogText()));
        ClickDialogButton("Disconnect & delete");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=store-card]")));
        Assert.Equal([(2, true)], Stores.Disconnects);
    }

    [Fact]
    public void DemoConsoleIsOfferedOnlyInDemoMode()
    {
        var page = RenderPage();
        Assert.Single(page.FindAll("[data-testid=demo-console]"));

        DemoStores.Enabled = false;
        var withoutDemo = Render<StoresPage>();
        withoutDemo.WaitForAssertion(() => Assert.Equal(2, withoutDemo.FindAll("[data-testid=store-card]").Count));
        Assert.Empty(withoutDemo.FindAll("[data-testid=demo-console]"));
    }
}
