using Bunit;
using MudBlazor;
using SyncDashboard.Components.Pages.Stores;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Products;
using SyncDashboard.Tests.Components.Fakes;
using SyncDashboard.Tests.Components.Products;

namespace SyncDashboard.Tests.Components.Stores;

public sealed class DemoConsolePanelTests : DashboardTestContext
{
    private readonly ProductGridRow _shirt = TestCatalogue.Row(1, "Linen Shirt");

    public DemoConsolePanelTests()
    {
        Stores.Add(2, "Urban Threads", StoreRole.Source);
        Stores.Add(3, "Hearth and Home", StoreRole.Source);
        Products.Rows[2] = [_shirt, TestCatalogue.Row(2, "Canvas Tote")];
        Products.Details[1] = ProductDetailsDialogTests.Details(1, "Linen Shirt");
    }

    private IRenderedComponent<DemoConsolePanel> RenderPanel()
    {
        RenderProviders();
        return Render<DemoConsolePanel>(p => p.Add(c => c.Sources, Stores.Connections));
    }

    private void ChooseShirt(IRenderedComponent<DemoConsolePanel> panel)
    {
        var product = panel.FindComponent<MudAutocomplete<ProductGridRow>>();
        panel.InvokeAsync(() => product.Instance.ValueChanged.InvokeAsync(_shirt));
        panel.WaitForElement("[data-testid=demo-set-quantity]");
    }

    [Fact]
    public void ProductSearchLooksInTheChosenSourceStore()
    {
        var panel = RenderPanel();

        panel.Find("input[data-testid=demo-product]").Input("lin");

        panel.WaitForAssertion(() => Assert.Contains((2, "lin"), Products.Finds));
    }

    [Fact]
    public void SettingStockChangesTheChosenVariantInItsStore()
    {
        var panel = RenderPanel();
        ChooseShirt(panel);
        Assert.Equal("4", panel.Find("input[data-testid=demo-quantity]").GetAttribute("value"));

        panel.Find("input[data-testid=demo-quantity]").Change("12");
        panel.Find("[data-testid=demo-set-quantity]").Click();

        panel.WaitForAssertion(() => Assert.Equal([(11L, 12)], DemoConsole.QuantitiesSet));
        Assert.Contains(Snackbars, s => s.StartsWith("Stock set to 12 in the Source store", StringComparison.Ordinal));
    }

    [Fact]
    public void RenamingChangesTheTitleAndAnEmptyTitleIsRefusedClearly()
    {
        var panel = RenderPanel();
        ChooseShirt(panel);

        panel.Find("input[data-testid=demo-title]").Change("Linen Shirt, summer cut");
        panel.Find("[data-testid=demo-rename]").Click();
        panel.WaitForAssertion(() => Assert.Equal([(1L, "Linen Shirt, summer cut")], DemoConsole.Renames));

        panel.Find("input[data-testid=demo-title]").Change("");
        panel.Find("[data-testid=demo-rename]").Click();
        panel.WaitForAssertion(() => Assert.Contains(Snackbars, s => s.StartsWith("A product needs a title.", StringComparison.Ordinal)));
        Assert.Single(DemoConsole.Renames);
    }

    [Fact]
    public void WhenTheChosenStoreIsDisconnectedTheConsoleMovesToTheFirstSourceLeftAndForgetsTheProduct()
    {
        var panel = RenderPanel();
        ChooseShirt(panel);

        panel.Render(p => p.Add(c => c.Sources, [.. Stores.Connections.Where(c => c.Id != 2)]));

        Assert.Empty(panel.FindAll("[data-testid=demo-set-quantity]"));
        panel.Find("input[data-testid=demo-product]").Input("can");
        panel.WaitForAssertion(() => Assert.Contains((3, "can"), Products.Finds));
    }
}
