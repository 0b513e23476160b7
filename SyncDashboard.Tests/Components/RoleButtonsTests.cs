using Bunit;
using Microsoft.AspNetCore.Components;
using SyncDashboard.Components.Pages.BulkMapper;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Components.Pages.Stores;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Users;
using SyncDashboard.Tests.Components.Fakes;

namespace SyncDashboard.Tests.Components;

/// <summary>
/// The buttons a role may not use are not offered, and the page says why (the services refuse
/// them too: <c>Engine/RoleTests</c>).
/// </summary>
public sealed class RoleButtonsTests : DashboardTestContext
{
    public RoleButtonsTests()
    {
        Stores.AddDemoStores();
        Products.Rows[2] = TestCatalogue.SyncedMappedAndNotSynced();
    }

    private IRenderedComponent<ProductsPage> RenderProducts()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/");
        RenderProviders();
        var page = Render<ProductsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr input[type=checkbox]")));
        return page;
    }

    private IRenderedComponent<StoresPage> RenderStores()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/stores");
        RenderProviders();
        var page = Render<StoresPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=store-card]").Count));
        return page;
    }

    [Fact]
    public void AViewerSeesProductsButNoActionAndIsToldWhy()
    {
        SignInAs(DashboardRoles.Viewer);
        var page = RenderProducts();

        page.FindAll("tbody tr input[type=checkbox]")[0].Change(true);

        Assert.Empty(page.FindAll("[data-testid=bulk-bar]"));
        Assert.Empty(page.FindAll("[data-testid=map-product]"));
        Assert.Empty(page.FindAll("[data-testid=resync-source]"));
        Assert.NotEmpty(page.FindAll("[data-testid=view-details]")); // reading stays
        Assert.Equal("Your role (Viewer) can look here but not sync, unsync, map or resync products. Ask an Operator or the Owner if you need to.",
            page.Find("[data-testid=read-only]").TextContent.Trim());
    }

    [Fact]
    public void AnOperatorHasTheProductActions()
    {
        SignInAs(DashboardRoles.Operator);
        var page = RenderProducts();

        page.FindAll("tbody tr input[type=checkbox]")[0].Change(true);

        Assert.NotEmpty(page.FindAll("[data-testid=unsync-delete]"));
        Assert.NotEmpty(page.FindAll("[data-testid=map-product]"));
        Assert.Empty(page.FindAll("[data-testid=read-only]"));
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer, false, false)]
    [InlineData(DashboardRoles.Operator, true, false)]
    [InlineData(DashboardRoles.Owner, true, true)]
    public void OnTheStoresPageAnOperatorSavesSettingsAndOnlyTheOwnerConnectsAndDisconnects(string role, bool saves, bool connects)
    {
        SignInAs(role);
        var page = RenderStores();

        Assert.Equal(saves, page.FindAll("[data-testid=save-settings]").Count > 0);
        var settingInputs = page.FindAll("[data-testid^=synced-], [data-testid^=mapped-], [data-testid=price-markup], [data-testid=price-fixed]")
            .Select(e => e.TagName == "INPUT" ? e : e.QuerySelector("input")!).ToList();
        Assert.NotEmpty(settingInputs);
        Assert.All(settingInputs, input => Assert.Equal(!saves, input.HasAttribute("disabled"))); // a Viewer's settings do not look editable
        Assert.Equal(connects, page.FindAll("[data-testid=disconnect-delete]").Count > 0);
        Assert.Equal(connects, page.FindAll("[data-testid=connect-store], [data-testid=test-connection]").Count > 0);
        Assert.Equal(!connects, page.FindAll("[data-testid=read-only]").Count == 1);
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer, false)]
    [InlineData(DashboardRoles.Operator, true)]
    public void OnTheBulkMapperAViewerMayRunADryRunOnly(string role, bool maps)
    {
        SignInAs(role);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/bulk-mapper");
        RenderProviders();

        var page = Render<BulkMapperPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=bulk-dry-run]")));
        Assert.Equal(maps, page.FindAll("[data-testid=bulk-start]").Count > 0);
        Assert.Equal(!maps, page.FindAll("[data-testid=read-only]").Count == 1);
    }

    [Fact]
    public void AnActionRefusedBecauseTheRoleChangedMeanwhileIsToldNotCrashed()
    {
        SignInAs(DashboardRoles.Operator);
        var page = RenderProducts();
        Jobs.Refusal = "Your role (Viewer) does not allow you to sync products: ask an Operator or the Owner.";

        page.FindAll("tbody tr input[type=checkbox]")[0].Change(true);
        page.Find("[data-testid=sync-selected]").Click();

        page.WaitForAssertion(() => Assert.Contains(Jobs.Refusal, Snackbars));
        Assert.Empty(Jobs.Started);
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer, false)]
    [InlineData(DashboardRoles.Operator, true)]
    public void OnlyAnOperatorOrTheOwnerMarksTheTeamsActivityLogRead(string role, bool marks)
    {
        SignInAs(role);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/activity");
        RenderProviders();

        var page = Render<SyncDashboard.Components.Pages.Activity.ActivityLogPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(Activity.Queries));
        Assert.Equal(marks, page.FindAll("[data-testid=mark-all-read-page]").Count == 1);
    }
}
