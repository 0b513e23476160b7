using Bunit;
using SyncDashboard.Components.Shared;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Tests.Components.Fakes;

namespace SyncDashboard.Tests.Components.Shared;

public sealed class SharedComponentTests : DashboardTestContext
{
    [Theory]
    [InlineData(SyncState.NotSynced, "Not synced")]
    [InlineData(SyncState.Synced, "Synced")]
    [InlineData(SyncState.Mapped, "Mapped")]
    public void StatusChipNamesTheSyncState(SyncState state, string label)
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Row, TestCatalogue.Row(1, "Linen Shirt", state)));

        Assert.Equal(label, chip.Find("[data-testid=status-chip]").TextContent.Trim());
    }

    [Fact]
    public void StatusChipOfAProblemNamesItAndGivesTheReasonOnHover()
    {
        RenderProviders();
        var chip = Render<StatusChip>(p => p.Add(c => c.Row,
            TestCatalogue.Row(1, "Linen Shirt", problem: SkuProblem.DuplicateSku, problemReason: "SKU LS is used by 2 variants.")));

        Assert.Equal("Duplicate SKU", chip.Find("[data-testid=status-chip]").TextContent.Trim());
        var tooltip = chip.FindComponent<MudBlazor.MudTooltip>();
        Assert.Equal("SKU LS is used by 2 variants.", tooltip.Instance.Text);
    }

    [Fact]
    public void ThumbnailFallsBackToAPlaceholderWhenTheImageCannotLoad()
    {
        var thumbnail = Render<ProductThumbnail>(p => p.Add(t => t.Src, "http://127.0.0.1:1/missing.png").Add(t => t.Alt, "Linen Shirt"));
        Assert.Equal("Linen Shirt", thumbnail.Find("img").GetAttribute("alt"));

        thumbnail.Find("img").TriggerEvent("onerror", EventArgs.Empty);

        Assert.Empty(thumbnail.FindAll("img"));
        Assert.Equal("Linen Shirt: no image", thumbnail.Find(".product-thumb-placeholder").GetAttribute("aria-label"));
    }
}
