using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SyncDashboard.Components.Pages.Stores;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Components.Stores;

/// <summary>
/// The Stores page's connect form and its three ways in: the app's client id and secret (own stores), an
/// install link (other merchants' stores) and a legacy access token; the fields each shows, the messages for
/// what is missing, and the install link itself.
/// </summary>
public sealed class ConnectStoreFormTests : DashboardTestContext
{
    private static readonly string[] Scopes = ["read_products", "write_products", "read_inventory", "write_inventory", "read_locations"];

    public ConnectStoreFormTests()
    {
        Stores.Add(1, "Northwind Outlet", StoreRole.Destination);
        Stores.Add(2, "Urban Threads", StoreRole.Source);
    }

    private IRenderedComponent<StoresPage> RenderPage(string uri = "/stores")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        RenderProviders();
        var page = Render<StoresPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=store-card]").Count));
        return page;
    }

    private static void Choose(IRenderedComponent<StoresPage> page, string way) => page.Find($"input[data-testid=credential-{way}]").Click();

    private static void Type(IRenderedComponent<StoresPage> page, string field, string value) => page.Find($"input[data-testid=new-store-{field}]").Change(value);

    private static bool Has(IRenderedComponent<StoresPage> page, string testId) => page.FindAll($"[data-testid={testId}]").Count > 0;

    /// <summary>The error text MudBlazor shows under the field with that test id (empty when none).</summary>
    private static string ErrorUnder(IRenderedComponent<StoresPage> page, string field)
    {
        var control = page.Find($"input[data-testid=new-store-{field}]").Closest(".mud-input-control")!;
        return control.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? "";
    }

    [Fact]
    public void EachWayInShowsItsOwnFieldsClientIdAndSecretFirst()
    {
        var page = RenderPage();

        // Client id and secret: the default, since apps made since 2026 have them.
        Assert.True(page.Find("input[data-testid=credential-client]").HasAttribute("checked"));
        Assert.True(Has(page, "new-store-client-id") && Has(page, "new-store-client-secret"));
        Assert.Equal("password", page.Find("input[data-testid=new-store-client-secret]").GetAttribute("type"));
        Assert.False(Has(page, "new-store-token") || Has(page, "new-store-secret") || Has(page, "install-scopes") || Has(page, "create-install-link"));
        Assert.True(Has(page, "test-connection") && Has(page, "connect-store"));
        Assert.Contains("stores of your own organisation", page.Find("[data-testid=credential-help]").TextContent);

        Choose(page, "install");
        Assert.True(Has(page, "new-store-client-id") && Has(page, "new-store-client-secret") && Has(page, "create-install-link"));
        Assert.Equal(Scopes, page.FindAll("[data-testid=install-scopes] li").Select(li => li.TextContent.Trim()));
        Assert.False(Has(page, "new-store-token") || Has(page, "test-connection") || Has(page, "connect-store"));
        Assert.Contains("stores of other merchants", page.Find("[data-testid=credential-help]").TextContent);

        Choose(page, "token");
        Assert.True(Has(page, "new-store-token") && Has(page, "new-store-secret") && Has(page, "test-connection"));
        Assert.False(Has(page, "new-store-client-id") || Has(page, "new-store-client-secret") || Has(page, "install-scopes"));
        Assert.Contains("before 2026", page.Find("[data-testid=credential-help]").TextContent);
    }

    [Fact]
    public async Task ClientIdAndSecretAreTestedThenConnectedWithTheApiChosen()
    {
        Connector.TestResult = new ConnectionTestResult(true, "Reached Coastal Supply (coastal-supply.myshopify.com): its credentials were accepted. Connect it to start.",
            new StoreShop("Coastal Supply", "coastal-supply.myshopify.com", 501), [new StoreLocation(501, "Warehouse", true)]);
        var page = RenderPage();
        Type(page, "name", "Coastal Supply");
        Type(page, "url", "https://coastal-supply.myshopify.com");
        Type(page, "client-id", "client-123");
        Type(page, "client-secret", "shpss_secret");
        var api = page.FindComponents<MudSelect<StoreApi>>().Single();
        await page.InvokeAsync(() => api.Instance.ValueChanged.InvokeAsync(StoreApi.Rest));

        page.Find("[data-testid=test-connection]").Click();
        page.WaitForAssertion(() => Assert.Contains("Reached Coastal Supply", page.Find("[data-testid=connection-test]").TextContent));
        page.Find("[data-testid=connect-store]").Click();

        var expected = NewStoreConnection.WithClientCredentials("Coastal Supply", StoreRole.Source, "https://coastal-supply.myshopify.com", "client-123", "shpss_secret", StoreApi.Rest);
        Assert.Equal(expected, Assert.Single(Connector.Tested));
        var connected = Assert.Single(Connector.Connected);
        Assert.Equal(expected, connected);
        Assert.Equal((StoreCredentialKind.ClientCredentials, "", "shpss_secret"), (connected.Credentials, connected.AccessToken, connected.EffectiveWebhookSecret));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=store-card]").Count));
        Assert.Contains("Connected Coastal Supply.", Snackbars);
        Assert.Empty(page.Find("input[data-testid=new-store-client-secret]").GetAttribute("value") ?? ""); // the secret is not kept in the form
    }

    [Fact]
    public void EachStoreCardSaysHowTheStoreIsReachedWithoutAnySecret()
    {
        var destination = Stores.Connections.Single(c => c.Id == 1);
        destination.Credentials = StoreCredentialKind.ClientCredentials;
        destination.ClientId = "demo-client-northwind-outlet";
        destination.ProtectedClientSecret = "protected-secret";
        var source = Stores.Connections.Single(c => c.Id == 2);
        source.Api = StoreApi.Rest;
        Stores.Add(3, "Other Merchant", StoreRole.Source).Credentials = StoreCredentialKind.AuthorizationCode;
        Stores.Connections.Single(c => c.Id == 3).ClientId = "client-abc";

        Services.GetRequiredService<NavigationManager>().NavigateTo("/stores");
        RenderProviders();
        var page = Render<StoresPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=store-access]").Count));

        var access = page.FindAll("[data-testid=store-access]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal("App client id demo-client-northwind-outlet (client credentials; 24-hour tokens renewed by themselves) · GraphQL Admin API", access[0]);
        Assert.Equal("Legacy access token (an app made before 2026) · REST Admin API (legacy)", access[1]);
        Assert.Equal("Installed from an install link (app client-abc) · GraphQL Admin API", access[2]);
        Assert.DoesNotContain("protected", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFieldsAreNamedUnderEachFieldAndNothingIsSent()
    {
        var page = RenderPage();

        page.Find("[data-testid=test-connection]").Click();
        Assert.Equal("Give the store a name.", ErrorUnder(page, "name"));
        Assert.Equal("Enter the store's address, such as https://my-shop.myshopify.com.", ErrorUnder(page, "url"));
        Assert.StartsWith("The app's client id is required", ErrorUnder(page, "client-id"));
        Assert.StartsWith("The app's client secret is required", ErrorUnder(page, "client-secret"));

        Choose(page, "install");
        Type(page, "name", "Other Shop");
        Type(page, "url", "other-shop");
        page.Find("[data-testid=create-install-link]").Click();
        Assert.Equal("", ErrorUnder(page, "name"));
        Assert.Equal("'other-shop' is not a store address such as https://my-shop.myshopify.com.", ErrorUnder(page, "url"));
        Assert.StartsWith("The app's client id is required", ErrorUnder(page, "client-id"));
        Assert.False(Has(page, "install-link"));

        Choose(page, "token");
        Type(page, "url", "https://other-shop.myshopify.com");
        page.Find("[data-testid=test-connection]").Click();
        Assert.Equal("", ErrorUnder(page, "url"));
        Assert.Equal("The access token is required.", ErrorUnder(page, "token"));
        Assert.Equal("The webhook secret is required (it proves webhooks come from the store).", ErrorUnder(page, "secret"));

        Assert.Empty(Connector.Tested);
        Assert.Empty(Installer.Requests);
        Assert.False(Has(page, "connection-test"));
    }

    [Fact]
    public void AnInstallLinkAsksTheStoreForTheAppsScopesAndSendsTheOwnerBackToTheDashboardWithAFreshState()
    {
        var page = RenderPage();
        Choose(page, "install");
        Type(page, "name", "Other Shop");
        Type(page, "url", "https://other-shop.myshopify.com");
        Type(page, "client-id", "client-123");
        Type(page, "client-secret", "shpss_secret");

        page.Find("[data-testid=create-install-link]").Click();

        Assert.Equal(new NewStoreInstall("Other Shop", StoreRole.Source, "https://other-shop.myshopify.com", "client-123", "shpss_secret"), Assert.Single(Installer.Requests));
        var link = new Uri(page.Find("input[data-testid=install-link]").GetAttribute("value")!);
        Assert.Equal("https://other-shop.myshopify.com/admin/oauth/authorize", link.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(link.Query);
        Assert.Equal("client-123", query["client_id"]);
        Assert.Equal(string.Join(',', Scopes), query["scope"]);
        Assert.Equal("http://127.0.0.1:5080/oauth/shopify/callback", query["redirect_uri"]);
        Assert.Equal(Assert.Single(Installer.States), query["state"]);
        Assert.DoesNotContain("shpss_secret", link.AbsoluteUri, StringComparison.Ordinal);
        var open = page.Find("[data-testid=open-install-link]");
        Assert.Equal((link.AbsoluteUri, "_blank"), (open.GetAttribute("href"), open.GetAttribute("target")));
        Assert.Contains("Send this link to the owner of other-shop.myshopify.com.", page.Find("[data-testid=install-link-message]").TextContent);

        page.Find("[data-testid=copy-install-link]").Click();
        Assert.Equal(link.AbsoluteUri, JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments.Single());
        Assert.Contains("Copied the install link.", Snackbars);

        // A link says nothing of a store whose details were edited since: it goes until made again.
        Type(page, "url", "https://another-shop.myshopify.com");
        Assert.False(Has(page, "install-link"));
        page.Find("[data-testid=create-install-link]").Click();
        var second = new Uri(page.Find("input[data-testid=install-link]").GetAttribute("value")!);
        Assert.Equal("another-shop.myshopify.com", second.Host);
        Assert.NotEqual(query["state"], QueryHelpers.ParseQuery(second.Query)["state"]);
    }

    [Fact]
    public void AnInstallLinkTheDashboardRefusesIsExplained()
    {
        Installer.Refusal = "A store named \"Urban Threads\" is already connected.";
        var page = RenderPage();
        Choose(page, "install");
        Type(page, "name", "Urban Threads");
        Type(page, "url", "https://other-shop.myshopify.com");
        Type(page, "client-id", "client-123");
        Type(page, "client-secret", "shpss_secret");

        page.Find("[data-testid=create-install-link]").Click();

        Assert.Equal(Installer.Refusal, page.Find("[data-testid=install-link-problem]").TextContent.Trim());
        Assert.False(Has(page, "install-link") || Has(page, "open-install-link"));
    }

    [Theory]
    [InlineData(true, "mud-alert-filled-success", "mud-alert-text-success")]
    [InlineData(false, "mud-alert-filled-error", "mud-alert-text-error")]
    public void HowAnInstallEndedIsShownWhenTheStoreSendsTheOwnerBack(bool succeeded, string filledClass, string textClass)
    {
        Installer.Outcomes[7] = new StoreInstallOutcome(succeeded, succeeded ? "Connected Other Shop (other-shop.myshopify.com)." : "The store refused to give a token.");

        var page = RenderPage("/stores?install=7");

        var alert = page.Find("[data-testid=install-outcome]");
        Assert.Equal(Installer.Outcomes[7].Message, alert.TextContent.Trim());
        Assert.True(alert.ClassList.Contains(filledClass) || alert.ClassList.Contains(textClass), alert.ClassName);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/stores?install=8"); // unknown: nothing to tell
        var without = Render<StoresPage>();
        without.WaitForAssertion(() => Assert.Equal(2, without.FindAll("[data-testid=store-card]").Count));
        Assert.Empty(without.FindAll("[data-testid=install-outcome]"));
    }
}
