using Bunit;
using MudBlazor;
using SyncDashboard.Components.Pages.Stores;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Catalogue;
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

    /// <summary>Fills the connect form for an app made before 2026 (access token and webhook secret).</summary>
    private static void Fill(IRenderedComponent<StoresPage> page, string name, string url, string token, string secret)
    {
        page.Find("input[data-testid=credential-token]").Click();
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
    public void ConnectingAfterASuccessfulTestAddsTheSourceCountingAllItsLocations()
    {
        Connector.TestResult = new ConnectionTestResult(true, "Reached Coastal Supply (coastal-supply.myshopify.com): its credentials were accepted. Connect it to start.",
            new StoreShop("Coastal Supply", "coastal-supply.myshopify.com", 501),
            [new StoreLocation(501, "Warehouse", true), new StoreLocation(502, "Shop floor", true)]);
        var page = RenderPage();
        Fill(page, "Coastal Supply", "http://127.0.0.1:5104", "shpat_token", "secret");

        page.Find("[data-testid=test-connection]").Click();
        page.WaitForAssertion(() => Assert.Contains("Reached Coastal Supply", page.Find("[data-testid=connection-test]").TextContent));
        page.Find("[data-testid=connect-store]").Click();

        // A Source counts the stock of all its locations unless the merchant picks one.
        var connected = Assert.Single(Connector.Connected);
        Assert.Equal(("Coastal Supply", "http://127.0.0.1:5104", "shpat_token", "secret", (long?)null),
            (connected.Name, connected.BaseUrl, connected.AccessToken, connected.WebhookSecret, connected.LocationId));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=store-card]").Count));
        Assert.Contains("Connected Coastal Supply.", Snackbars);
        Assert.Empty(page.FindAll("[data-testid=connection-test]"));
    }

    [Fact]
    public void ATestSaysNothingOfDetailsEditedAfterIt()
    {
        Connector.TestResult = new ConnectionTestResult(true, "Reached Coastal Supply (coastal-supply.myshopify.com): its credentials were accepted. Connect it to start.",
            new StoreShop("Coastal Supply", "coastal-supply.myshopify.com", 501), [new StoreLocation(501, "Warehouse", true)]);
        var page = RenderPage();
        Fill(page, "Coastal Supply", "http://127.0.0.1:5104", "shpat_token", "secret");
        page.Find("[data-testid=test-connection]").Click();
        page.WaitForAssertion(() => Assert.Null(page.Find("[data-testid=connect-store]").GetAttribute("disabled")));

        page.Find("input[data-testid=new-store-url]").Change("http://127.0.0.1:5105");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=connection-test]")));
        Assert.NotNull(page.Find("[data-testid=connect-store]").GetAttribute("disabled"));
        page.Find("input[data-testid=new-store-url]").Change("http://127.0.0.1:5104"); // back to what was tested
        page.WaitForAssertion(() => Assert.Null(page.Find("[data-testid=connect-store]").GetAttribute("disabled")));
    }

    [Fact]
    public async Task ASourceCanBeConnectedCountingOneChosenLocation()
    {
        Connector.TestResult = new ConnectionTestResult(true, "Reached Coastal Supply (coastal-supply.myshopify.com): its credentials were accepted. Connect it to start.",
            new StoreShop("Coastal Supply", "coastal-supply.myshopify.com", 501),
            [new StoreLocation(501, "Warehouse", true), new StoreLocation(502, "Shop floor", true)]);
        var page = RenderPage();
        Fill(page, "Coastal Supply", "http://127.0.0.1:5104", "shpat_token", "secret");
        page.Find("[data-testid=test-connection]").Click();
        page.WaitForAssertion(() => Assert.Contains("Reached Coastal Supply", page.Find("[data-testid=connection-test]").TextContent));

        var location = page.FindComponents<MudSelect<long?>>().Single(c => c.Markup.Contains("new-store-location", StringComparison.Ordinal));
        await page.InvokeAsync(() => location.Instance.ValueChanged.InvokeAsync(502));
        page.Find("[data-testid=connect-store]").Click();

        Assert.Equal(502, Assert.Single(Connector.Connected).LocationId);
    }

    [Fact]
    public async Task SavingASourcesSettingsSendsBothFieldColumnsThePriceRuleTheLocationAndTheDeletePolicy()
    {
        Stores.Locations[2] = [new StoreLocation(801, "Main warehouse", true), new StoreLocation(802, "Backroom", true)];
        var page = RenderPage();
        var card = page.FindAll("[data-testid=store-card]")[1];
        Assert.Contains("Urban Threads", card.TextContent);

        // Synced products follow every field by default, mapped ones only their stock.
        Assert.True(Checked(page, "synced-Images"));
        Assert.False(Checked(page, "mapped-Images"));
        CheckBox(page, "synced-Images").Change(false);
        CheckBox(page, "mapped-Prices").Change(true);
        var markup = page.FindComponents<MudTextField<string>>().First(c => c.Markup.Contains("price-markup", StringComparison.Ordinal));
        await page.InvokeAsync(() => markup.Instance.ValueChanged.InvokeAsync("20"));
        var rounding = page.FindComponents<MudSelect<PriceRounding>>().First();
        await page.InvokeAsync(() => rounding.Instance.ValueChanged.InvokeAsync(PriceRounding.To99));
        // The example follows the rule as it is typed: 19.90 + 20% = 23.88, up to .99.
        page.WaitForAssertion(() => Assert.Contains("19.90 becomes 23.99", page.FindAll("[data-testid=price-example]")[0].TextContent));
        var location = page.FindComponents<MudSelect<long?>>().First(c => c.Markup.Contains("source-location", StringComparison.Ordinal));
        await page.InvokeAsync(() => location.Instance.ValueChanged.InvokeAsync(802));
        var policy = page.FindComponents<MudSelect<SourceDeletePolicy>>().First();
        await page.InvokeAsync(() => policy.Instance.ValueChanged.InvokeAsync(SourceDeletePolicy.SetToDraft));

        page.FindAll("[data-testid=save-settings]")[0].Click();

        var (id, settings) = Assert.Single(Stores.SettingsUpdates);
        Assert.Equal(2, id);
        Assert.Equal(ProductFieldSync.All & ~ProductFieldSync.Images, settings.SyncedFields);
        Assert.Equal(ProductFieldSync.Prices, settings.MappedFields);
        Assert.Equal(new PriceRule(20, 0, PriceRounding.To99, CompareAtPriceMode.Copy), settings.PriceRule);
        Assert.Equal(802, settings.LocationId);
        Assert.Equal(SourceDeletePolicy.SetToDraft, settings.DeletePolicy);
        Assert.Contains(Snackbars, s => s.StartsWith("Saved the settings of Urban Threads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnInvalidPriceRuleIsExplainedAndNotSaved()
    {
        var page = RenderPage();
        var fixedAmount = page.FindComponents<MudTextField<string>>().First(c => c.Markup.Contains("price-fixed", StringComparison.Ordinal));
        await page.InvokeAsync(() => fixedAmount.Instance.ValueChanged.InvokeAsync("500000"));

        page.FindAll("[data-testid=save-settings]")[0].Click();

        Assert.Empty(Stores.SettingsUpdates);
        page.WaitForAssertion(() => Assert.Contains("The fixed amount must be between 0 and 100,000 (for a discount, use a negative markup).",
            page.Find("[data-testid=settings-problems]").TextContent));
    }

    [Fact]
    public async Task AMarkupOutOfRangeIsShownAtOnceAndNeverClampedOrSaved()
    {
        var page = RenderPage();
        var markup = page.FindComponents<MudTextField<string>>().First(c => c.Markup.Contains("price-markup", StringComparison.Ordinal));

        await page.InvokeAsync(() => markup.Instance.ValueChanged.InvokeAsync("-150"));

        page.WaitForAssertion(() => Assert.Contains("The markup must be between -90% and 1,000%.", markup.Markup));
        Assert.Equal("-150", markup.Find("input").GetAttribute("value")); // kept as typed, not silently turned into another markup
        Assert.Contains("correct the rule", page.FindAll("[data-testid=price-example]")[0].TextContent);
        page.FindAll("[data-testid=save-settings]")[0].Click();
        Assert.Empty(Stores.SettingsUpdates);
    }

    [Fact]
    public async Task AMarkupTypedWithADecimalCommaIsReadAsOneAndAnAmbiguousOneIsRefused()
    {
        var page = RenderPage();
        var markup = page.FindComponents<MudTextField<string>>().First(c => c.Markup.Contains("price-markup", StringComparison.Ordinal));

        await page.InvokeAsync(() => markup.Instance.ValueChanged.InvokeAsync("12,5"));
        // 19.90 + 12.5% = 22.39 (not 125%: 44.78)
        page.WaitForAssertion(() => Assert.Contains("19.90 becomes 22.39", page.FindAll("[data-testid=price-example]")[0].TextContent));
        page.FindAll("[data-testid=save-settings]")[0].Click();
        page.WaitForAssertion(() => Assert.Equal(12.5m, Assert.Single(Stores.SettingsUpdates).Settings.PriceRule.MarkupPercent));

        await page.InvokeAsync(() => markup.Instance.ValueChanged.InvokeAsync("1,000"));
        page.WaitForAssertion(() => Assert.Contains("Is 1,000 a number with three decimals or in thousands?", markup.Markup));
        Assert.Contains("correct the rule", page.FindAll("[data-testid=price-example]")[0].TextContent);
        page.FindAll("[data-testid=save-settings]")[0].Click();
        Assert.Single(Stores.SettingsUpdates);
        page.WaitForAssertion(() => Assert.Contains("Is 1,000", page.Find("[data-testid=settings-problems]").TextContent));
    }

    private static bool Checked(IRenderedComponent<StoresPage> page, string testId) => CheckBox(page, testId).HasAttribute("checked");

    /// <summary>The checkbox input of the first Source card's field with that test id.</summary>
    private static AngleSharp.Dom.IElement CheckBox(IRenderedComponent<StoresPage> page, string testId)
    {
        var element = page.FindAll($"[data-testid={testId}]")[0];
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    [Fact]
    public async Task ASaveThatDeletesCopiesOrOverwritesMappedListingsSaysSoAndWaitsForConfirmation()
    {
        SettingsPreview.Impact = new SettingsChangeImpact(["Linen Shirt", "Wool Scarf"], [], ProductFieldSync.Title | ProductFieldSync.Description, 7);
        var page = RenderPage();
        var policy = page.FindComponents<MudSelect<SourceDeletePolicy>>().First();
        await page.InvokeAsync(() => policy.Instance.ValueChanged.InvokeAsync(SourceDeletePolicy.Delete));

        page.FindAll("[data-testid=save-settings]")[0].Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("2 synced copies will be deleted from the Destination now", DialogText()));
        Assert.Contains("\"Linen Shirt\", \"Wool Scarf\"", DialogText());
        Assert.Contains("The title and description of 7 mapped listings (your own listings) will be overwritten", DialogText());
        Assert.Equal(SourceDeletePolicy.Delete, Assert.Single(SettingsPreview.Asked).Settings.DeletePolicy);
        ClickDialogButton("Keep editing");
        Assert.Empty(Stores.SettingsUpdates);

        page.FindAll("[data-testid=save-settings]")[0].Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("will be deleted", DialogText()));
        ClickDialogButton("Save and apply");
        page.WaitForAssertion(() => Assert.Equal(SourceDeletePolicy.Delete, Assert.Single(Stores.SettingsUpdates).Settings.DeletePolicy));
    }

    [Fact]
    public async Task ASaveThatChangesNoDestinationProductIsNotAskedAboutAndASecondClickSavesNothingAgain()
    {
        var page = RenderPage();
        var markup = page.FindComponents<MudTextField<string>>().First(c => c.Markup.Contains("price-markup", StringComparison.Ordinal));
        await page.InvokeAsync(() => markup.Instance.ValueChanged.InvokeAsync("5"));

        page.FindAll("[data-testid=save-settings]")[0].Click();
        page.WaitForAssertion(() => Assert.Single(Stores.SettingsUpdates));
        Assert.Single(SettingsPreview.Asked);
        Assert.DoesNotContain("Save and apply", DialogText());

        page.FindAll("[data-testid=save-settings]")[0].Click();
        page.WaitForAssertion(() => Assert.Contains("Nothing to save: the settings of Urban Threads are as saved.", Snackbars));
        Assert.Single(Stores.SettingsUpdates);
    }

    [Fact]
    public void DisconnectAndDeleteNamesTheCopiesAndNeedsTheStoresNameTyped()
    {
        Products.Rows[2] = [.. TestCatalogue.Rows(3, SyncState.Synced), TestCatalogue.Row(99, "Not a copy")];
        var page = RenderPage();

        page.Find("[data-testid=disconnect-delete]").Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("the 3 Destination products synced from it are deleted", DialogText()));
        ClickDialogButton("Cancel");
        Assert.Empty(Jobs.Disconnects);

        page.Find("[data-testid=disconnect-delete]").Click();
        DialogHost.WaitForAssertion(() => Assert.NotNull(DialogHost.Find("[data-testid=disconnect-confirm]").GetAttribute("disabled")));
        DialogHost.Find("input[data-testid=disconnect-confirm-name]").Input("Urban");
        Assert.NotNull(DialogHost.Find("[data-testid=disconnect-confirm]").GetAttribute("disabled")); // not the whole name
        DialogHost.Find("input[data-testid=disconnect-confirm-name]").Input("Urban Threads");
        DialogHost.WaitForAssertion(() => Assert.Null(DialogHost.Find("[data-testid=disconnect-confirm]").GetAttribute("disabled")));
        DialogHost.Find("[data-testid=disconnect-confirm]").Click();

        // A job with progress, not a wait with a greyed button.
        page.WaitForAssertion(() => Assert.Equal([(2, true)], Jobs.Disconnects));
        Jobs.ReportItem("Deleted 2 of 3 Destination copies.", 66);
        page.WaitForAssertion(() => Assert.Contains("Disconnecting Urban Threads: Deleted 2 of 3 Destination copies.", page.Find("[data-testid=disconnect-progress]").TextContent));
        Stores.Connections.RemoveAll(c => c.Id == 2);
        Jobs.Finish();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=disconnect-progress]")));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=store-card]")));
    }

    [Fact]
    public void DisconnectKeepingTheCopiesAsksOnlyForConfirmation()
    {
        var page = RenderPage();

        page.Find("[data-testid=disconnect-keep]").Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("the Destination products stay as they are", DialogText()));
        ClickDialogButton("Disconnect");

        page.WaitForAssertion(() => Assert.Equal([(2, false)], Jobs.Disconnects));
        Stores.Connections.RemoveAll(c => c.Id == 2);
        Jobs.Finish();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=store-card]")));
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

    [Fact]
    public async Task LeavingWithUnsavedSettingsAsksFirstAndStayingKeepsThem()
    {
        var page = RenderPage();
        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        var markup = page.FindComponents<MudTextField<string>>().First(c => c.Markup.Contains("price-markup", StringComparison.Ordinal));
        Assert.False(page.FindComponent<Microsoft.AspNetCore.Components.Routing.NavigationLock>().Instance.ConfirmExternalNavigation);
        await page.InvokeAsync(() => markup.Instance.ValueChanged.InvokeAsync("20"));
        var before = navigation.Uri;
        // The browser's own warning on a reload, a close or a Back out of the app is switched on at once.
        page.WaitForAssertion(() => Assert.True(page.FindComponent<Microsoft.AspNetCore.Components.Routing.NavigationLock>().Instance.ConfirmExternalNavigation));

        await page.InvokeAsync(() => navigation.NavigateTo("/activity"));

        DialogHost.WaitForAssertion(() => Assert.Contains("The settings of Urban Threads have changes that are not saved", DialogText()));
        ClickDialogButton("Stay");
        page.WaitForAssertion(() => Assert.Equal(before, navigation.Uri));
        Assert.Equal("20", page.FindComponents<MudTextField<string>>().First(c => c.Markup.Contains("price-markup", StringComparison.Ordinal)).Find("input").GetAttribute("value"));

        _ = page.InvokeAsync(() => navigation.NavigateTo("/activity"));
        DialogHost.WaitForAssertion(() => Assert.Contains("Leave without saving", DialogText()));
        ClickDialogButton("Leave without saving");
        page.WaitForAssertion(() => Assert.EndsWith("/activity", navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LeavingWithNothingUnsavedDoesNotAsk()
    {
        var page = RenderPage();
        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();

        await page.InvokeAsync(() => navigation.NavigateTo("/activity"));

        Assert.EndsWith("/activity", navigation.Uri, StringComparison.Ordinal);
        Assert.Empty(DialogHost.FindAll(".mud-dialog"));
    }

    [Fact]
    public void ATestInProgressSaysWhichStoreItIsReachingAndForHowLongAtMost()
    {
        Connector.TestResult = new ConnectionTestResult(true, "Reached Coastal Supply.");
        Connector.TestGate = new TaskCompletionSource();
        var page = RenderPage();
        Fill(page, "Coastal Supply", "http://127.0.0.1:5104", "token", "secret");

        page.Find("[data-testid=test-connection]").Click();

        page.WaitForAssertion(() => Assert.Contains("Reaching Coastal Supply at http://127.0.0.1:5104", page.Find("[data-testid=connect-progress]").TextContent));
        Assert.Contains("within 5 seconds", page.Find("[data-testid=connect-progress]").TextContent);
        Connector.TestGate.SetResult();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=connect-progress]")));
        Assert.Contains("Reached Coastal Supply.", page.Find("[data-testid=connection-test]").TextContent);
    }

    [Fact]
    public async Task ANumberThatCannotBeReadStillCountsAsUnsavedWhenLeaving()
    {
        var page = RenderPage();
        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        var markup = page.FindComponents<MudTextField<string>>().First(c => c.Markup.Contains("price-markup", StringComparison.Ordinal));

        await page.InvokeAsync(() => markup.Instance.ValueChanged.InvokeAsync("17%"));

        page.WaitForAssertion(() => Assert.True(page.FindComponent<Microsoft.AspNetCore.Components.Routing.NavigationLock>().Instance.ConfirmExternalNavigation));
        _ = page.InvokeAsync(() => navigation.NavigateTo("/activity"));
        DialogHost.WaitForAssertion(() => Assert.Contains("The settings of Urban Threads have changes that are not saved", DialogText()));
    }
}
