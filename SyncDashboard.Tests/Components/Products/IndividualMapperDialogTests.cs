using Bunit;
using MudBlazor;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Core.Mapping;

namespace SyncDashboard.Tests.Components.Products;

public sealed class IndividualMapperDialogTests : DashboardTestContext
{
    private Task<IDialogReference>? _dialog;

    private static readonly MappingVariant[] SourceVariants =
    [
        new(11, "S", "LS-S", 4) { OptionValues = ["S", "Linen"] },
        new(12, "M", "LS-M", 7) { OptionValues = ["M", "Linen"] },
    ];

    /// <summary>The Destination's "M" has another SKU and other option values ("Medium"): nothing proposes it.</summary>
    private static readonly MappingVariant[] DestinationVariants =
    [
        new(21, "S", "LS-S", 0) { OptionValues = ["S", "Linen"] },
        new(22, "Medium", "LS-M-X", 5) { OptionValues = ["Medium", "Linen"] },
    ];

    public IndividualMapperDialogTests()
    {
        // The candidates in the real mapper's order (CandidateRanking, tested on its own): most SKUs in common first, not alphabetically.
        IndividualMapper.Candidates.AddRange(CandidateRanking.Rank("Linen Shirt", ["LS-S", "LS-M"], 2,
        [
            new MappingCandidate(102, 7102, "Linen Shirt (old)", "Acme", 2, ["OLD-S", "OLD-M"], Linked: true),
            new MappingCandidate(101, 7101, "Linen Shirt (outlet)", "Acme", 2, ["LS-S", "LS-M-X"], Linked: false),
            new MappingCandidate(103, 7103, "Azure Linen Shirt", "Acme", 2, [" ls-s", "LS-M"], Linked: false),
        ]));
        IndividualMapper.Proposal = Proposal(SourceVariants, DestinationVariants);
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

    /// <summary>The proposal the real rule (<see cref="VariantPairing.Propose"/>) makes for these variants.</summary>
    private static MappingProposal Proposal(MappingVariant[] source, MappingVariant[] destination) =>
        new(1, "Linen Shirt", source, 101, "Linen Shirt (outlet)", destination, VariantPairing.Propose(source, destination));

    private static void Choose(IRenderedComponent<MudDialogProvider> host, string title) =>
        host.WaitForElements("[data-testid=mapper-candidate]", 3).Single(c => c.TextContent.Contains(title, StringComparison.Ordinal)).Click();

    private static List<string> Cells(IRenderedComponent<MudDialogProvider> host, string testId) =>
        [.. host.FindAll($"[data-testid=mapper-pair] [data-testid={testId}]").Select(c => c.TextContent.Trim())];

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

        var candidates = host.WaitForElements("[data-testid=mapper-candidate]", 3);
        var outlet = candidates.Single(c => c.TextContent.Contains("Linen Shirt (outlet)", StringComparison.Ordinal));
        Assert.Contains("LS-S, LS-M-X", outlet.TextContent);
        var old = candidates.Single(c => c.TextContent.Contains("Linen Shirt (old)", StringComparison.Ordinal));
        Assert.Contains("already linked", old.TextContent);
        Assert.Contains("mud-list-item-disabled", old.ClassName);
        Assert.Equal("true", host.Find("[data-testid=mapper-save]").GetAttribute("disabled") is null ? "false" : "true");
    }

    [Fact]
    public void SearchReachesTheMapper()
    {
        var host = Open();

        host.Find("input[data-testid=mapper-search]").Input("LS-S");

        host.WaitForAssertion(() => Assert.Equal("LS-S", IndividualMapper.Searches[^1]), TimeSpan.FromSeconds(5));
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=mapper-candidate]")));
        Assert.All(IndividualMapper.SearchedFor, id => Assert.Equal(1L, id)); // every search ranks for this Source product
    }

    [Fact]
    public void CandidatesAreShownMostSkusInCommonFirstEachWithItsOverlap()
    {
        var host = Open();

        var candidates = host.WaitForElements("[data-testid=mapper-candidate]", 3);
        // Not alphabetical ("Linen Shirt (old)" would come before "(outlet)"): by the SKUs they share with the Source product.
        Assert.Equal(["Azure Linen Shirt", "Linen Shirt (outlet)", "Linen Shirt (old)"],
            candidates.Select(c => c.QuerySelector("b")!.TextContent.Trim()));
        Assert.Equal(["2 of 2 SKUs match", "1 of 2 SKUs match", "0 of 2 SKUs match"],
            host.FindAll("[data-testid=mapper-candidate-overlap]").Select(o => o.TextContent.Trim()));
        Assert.Equal([1L], IndividualMapper.SearchedFor.Distinct());
    }

    [Fact]
    public void VariantsWhoseSkusDifferArePairedByTheirOptionValuesAndEachPairSaysWhy()
    {
        IndividualMapper.Proposal = Proposal(SourceVariants,
            [DestinationVariants[0], DestinationVariants[1] with { OptionValues = ["linen ", "m"] }]);
        var host = Open();
        Choose(host, "Linen Shirt (outlet)");
        host.WaitForElement("[data-testid=mapper-pairs]");

        Assert.Equal(["Same SKU", "Same options (M / Linen): SKU LS-M ≠ LS-M-X"], Cells(host, "mapper-pair-basis"));
        Assert.Equal([new VariantPair(11, 21), new VariantPair(12, 22)], IndividualMapper.Validated[0].OrderBy(p => p.SourceVariantId));
        Assert.Empty(host.FindAll("[data-testid=mapper-problem]"));
        Assert.Null(host.Find("[data-testid=mapper-save]").GetAttribute("disabled"));

        // The merchant may change any pair; each says what it rests on.
        ChooseDestinationVariant(host, row: 1, variantId: null);
        host.WaitForAssertion(() => Assert.Equal(["Same SKU", "Not paired"], Cells(host, "mapper-pair-basis")));
        ChooseDestinationVariant(host, row: 0, variantId: 22);
        host.WaitForAssertion(() => Assert.Equal(["Your choice: neither the SKU nor the options match", "Not paired"], Cells(host, "mapper-pair-basis")));
    }

    [Fact]
    public void EachPairShowsTheSourcesAndTheDestinationsAvailable()
    {
        IndividualMapper.Proposal = Proposal(SourceVariants, [DestinationVariants[0], DestinationVariants[1] with { Tracked = false }]);
        var host = Open();
        Choose(host, "Linen Shirt (outlet)");
        host.WaitForElement("[data-testid=mapper-pairs]");

        Assert.Equal(["4", "7"], Cells(host, "mapper-source-available"));
        Assert.Equal(["0", "–"], Cells(host, "mapper-destination-available")); // M is not paired yet

        ChooseDestinationVariant(host, row: 1, variantId: 22);
        host.WaitForAssertion(() => Assert.Equal(["0", "not tracked"], Cells(host, "mapper-destination-available")));
        ChooseDestinationVariant(host, row: 0, variantId: null);
        host.WaitForAssertion(() => Assert.Equal(["–", "not tracked"], Cells(host, "mapper-destination-available")));
        Assert.Equal(["4", "7"], Cells(host, "mapper-source-available"));
        Assert.Contains("Once saved, each Destination variant's stock follows its Source variant's.", host.Find("[data-testid=mapper-stock-note]").TextContent);
    }

    [Fact]
    public void ChoosingAProductPrefillsPairsBySkuAndExplainsWhatIsMissing()
    {
        var host = Open();

        Choose(host, "Linen Shirt (outlet)");

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
        Choose(host, "Linen Shirt (outlet)");

        host.WaitForAssertion(() => Assert.Equal(warning, host.Find("[data-testid=mapper-source-unavailable]").TextContent.Trim()));
    }

    [Fact]
    public void AVariantChosenTwiceIsReportedBeforeSaving()
    {
        var host = Open();
        Choose(host, "Linen Shirt (outlet)");
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
        Choose(host, "Linen Shirt (outlet)");
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
