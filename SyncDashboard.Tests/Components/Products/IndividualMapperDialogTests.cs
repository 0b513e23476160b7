using Bunit;
using MudBlazor;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Core.Mapping;

namespace SyncDashboard.Tests.Components.Products;

public sealed class IndividualMapperDialogTests : DashboardTestContext
{
    private Task<IDialogReference>? _dialog;

    public IndividualMapperDialogTests()
    {
        IndividualMapper.Candidates.Add(new MappingCandidate(101, 7101, "Linen Shirt (outlet)", "Acme", 2, ["LS-S", "LS-M"], Linked: false));
        IndividualMapper.Candidates.Add(new MappingCandidate(102, 7102, "Linen Shirt (old)", "Acme", 2, ["OLD-S", "OLD-M"], Linked: true));
        IndividualMapper.Proposal = new MappingProposal(
            1, "Linen Shirt", [new MappingVariant(11, "S", "LS-S", 4), new MappingVariant(12, "M", "LS-M", 7)],
            101, "Linen Shirt (outlet)", [new MappingVariant(21, "S", "LS-S", 0), new MappingVariant(22, "M", "LS-M-X", 0)],
            [new VariantPair(11, 21), new VariantPair(12, null)]);
        // The fake's rule: every Source variant paired, no Destination variant twice.
        IndividualMapper.Validate = pairs =>
        {
            var problems = new List<string>();
            if (pairs.Any(p => p.DestinationVariantId is null))
            {
                problems.Add("Every variant must be paired: M is not.");
            }
            if (pairs.Where(p => p.DestinationVariantId is not null).GroupBy(p => p.DestinationVariantId).Any(g => g.Count() > 1))
            {
                problems.Add("A Destination variant is chosen twice.");
            }
            return problems;
        };
    }

    private IRenderedComponent<MudDialogProvider> Open()
    {
        var host = RenderProviders();
        var dialogs = Services.GetRequiredService<IDialogService>();
        host.InvokeAsync(() => _dialog = dialogs.ShowAsync<IndividualMapperDialog>("Map",
            new DialogParameters<IndividualMapperDialog> { { d => d.SourceProductId, 1L } }));
        host.WaitForElement("[data-testid=individual-mapper]");
        return host;
    }

    private static void ChooseDestinationVariant(IRenderedComponent<MudDialogProvider> host, int row, long? variantId)
    {
        var select = host.FindComponents<MudSelect<long?>>()[row];
        host.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(variantId));
    }

    [Fact]
    public void ListsDestinationCandidatesAndDisablesThoseAlreadyLinked()
    {
        var host = Open();

        var candidates = host.WaitForElements("[data-testid=mapper-candidate]", 2);
        Assert.Contains("Linen Shirt (outlet)", candidates[0].TextContent);
        Assert.Contains("LS-S, LS-M", candidates[0].TextContent);
        Assert.Contains("already linked", candidates[1].TextContent);
        Assert.Contains("mud-list-item-disabled", candidates[1].ClassName);
        Assert.Equal("true", host.Find("[data-testid=mapper-save]").GetAttribute("disabled") is null ? "false" : "true");
    }

    [Fact]
    public void SearchReachesTheMapper()
    {
        var host = Open();

        host.Find("input[data-testid=mapper-search]").Input("LS-S");

        host.WaitForAssertion(() => Assert.Equal("LS-S", IndividualMapper.Searches[^1]), TimeSpan.FromSeconds(5));
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=mapper-candidate]")));
    }

    [Fact]
    public void ChoosingAProductPrefillsPairsBySkuAndExplainsWhatIsMissing()
    {
        var host = Open();

        host.WaitForElements("[data-testid=mapper-candidate]", 2)[0].Click();

        host.WaitForElement("[data-testid=mapper-pairs]");
        Assert.Equal(2, host.FindAll("[data-testid=mapper-pairs] tbody tr").Count);
        Assert.Equal([new VariantPair(11, 21), new VariantPair(12, null)], IndividualMapper.Validated[0].OrderBy(p => p.SourceVariantId));
        Assert.Equal("Every variant must be paired: M is not.", host.Find("[data-testid=mapper-problem]").TextContent.Trim());
        Assert.NotNull(host.Find("[data-testid=mapper-save]").GetAttribute("disabled"));
    }

    [Fact]
    public void ADraftOrArchivedSourceProductIsSaidBeforeMapping()
    {
        var warning = "\"Linen Shirt\" is draft in Urban Threads: until it is active there, this listing's stock is held at 0.";
        IndividualMapper.Proposal = IndividualMapper.Proposal! with { SourceWarning = warning };
        var host = Open();
        host.WaitForElements("[data-testid=mapper-candidate]", 2)[0].Click();

        host.WaitForAssertion(() => Assert.Equal(warning, host.Find("[data-testid=mapper-source-unavailable]").TextContent.Trim()));
    }

    [Fact]
    public void AVariantChosenTwiceIsReportedBeforeSaving()
    {
        var host = Open();
        host.WaitForElements("[data-testid=mapper-candidate]", 2)[0].Click();
        host.WaitForElement("[data-testid=mapper-pairs]");

        ChooseDestinationVariant(host, row: 1, variantId: 21);

        host.WaitForAssertion(() => Assert.Equal("A Destination variant is chosen twice.", host.Find("[data-testid=mapper-problem]").TextContent.Trim()));
        Assert.NotNull(host.Find("[data-testid=mapper-save]").GetAttribute("disabled"));
        Assert.Empty(IndividualMapper.Saved);
    }

    [Fact]
    public async Task PairingEveryVariantByHandSavesTheMappingAndClosesTheDialog()
    {
        var host = Open();
        host.WaitForElements("[data-testid=mapper-candidate]", 2)[0].Click();
        host.WaitForElement("[data-testid=mapper-pairs]");

        ChooseDestinationVariant(host, row: 1, variantId: 22);
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=mapper-problem]")));
        // Allowed, but said out loud: the SKUs of that pair differ.
        Assert.Equal("SKU LS-M is paired with SKU LS-M-X: the Destination variant's stock will follow a Source variant with another SKU.",
            Assert.Single(host.FindAll("[data-testid=mapper-warning]")).TextContent.Trim());
        host.Find("[data-testid=mapper-save]").Click();

        var saved = Assert.Single(IndividualMapper.Saved);
        Assert.Equal((1L, 101L), (saved.SourceProductId, saved.DestinationProductId));
        Assert.Equal([new VariantPair(11, 21), new VariantPair(12, 22)], saved.Pairs.OrderBy(p => p.SourceVariantId));
        var result = await (await _dialog!).Result;
        Assert.False(result!.Canceled);
        Assert.Equal(101L, result.Data);
    }
}
