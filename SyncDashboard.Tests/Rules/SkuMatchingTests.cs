using SyncDashboard.Core.Catalogue;

namespace SyncDashboard.Tests.Rules;

public sealed class SkuMatchingTests
{
    [Fact]
    public void SkusAreComparedTrimmedAndIgnoringCaseAndMissingOnesLeftOut() =>
        Assert.Equal(["AB-1", "CD-2"], SkuMatching.Skus([" ab-1", "AB-1 ", null, "", "cd-2"]));

    [Fact]
    public void OwnersAreTheProductsHoldingAnyOfTheSkusMostSharedFirst()
    {
        var owners = SkuMatching.Owners(["A", "B", "C"],
        [
            (1, 10, 1000, "One", "A"),
            (1, 11, 1100, "Two", "B"),
            (1, 11, 1100, "Two", "C"),
            (1, 12, 1200, "Three", "Z"),
            (1, 13, 1300, "No SKU", null),
        ]);

        Assert.Equal([11L, 10L], owners.Select(o => o.MirroredId));
        Assert.Equal(["B", "C"], owners[0].SharedSkus);
        Assert.Equal(("Two", 1100L), (owners[0].Title, owners[0].ExternalId));
    }

    [Fact]
    public void NoSharedSkuNoOwner() => Assert.Empty(SkuMatching.Owners(["A"], [(1, 10, 1000, "One", "B")]));

    [Fact]
    public void EqualVariantCountsDoNotBlockMapping() =>
        Assert.Null(SkuMatching.VariantCountBlocker(["A", "B"], ["b", "X"]));

    [Fact]
    public void ADifferentVariantCountSaysWhichVariantsToAddOrRemove()
    {
        Assert.Equal("the products have different numbers of variants (3 in the Source, 2 in the Destination) and mapping pairs every variant one to one: " +
            "add the variant with SKU C-3 to the Destination product, then map them.",
            SkuMatching.VariantCountBlocker(["A-1", "B-2", "C-3"], ["a-1 ", "B-2"]));
        Assert.Equal("the products have different numbers of variants (1 in the Source, 3 in the Destination) and mapping pairs every variant one to one: " +
            "remove the variants with SKUs X, Y from the Destination product (or add them at the Source), then map them.",
            SkuMatching.VariantCountBlocker(["A"], ["A", "X", "Y"]));
        Assert.Equal("the products have different numbers of variants (2 in the Source, 1 in the Destination) and mapping pairs every variant one to one.",
            SkuMatching.VariantCountBlocker(["A", null], ["A"]));
    }

    [Theory]
    [InlineData(1, 1, "The variant has no SKU.")]
    [InlineData(1, 4, "1 of 4 variants has no SKU.")]
    [InlineData(3, 4, "3 of 4 variants have no SKU.")]
    public void AMissingSkuIsExplainedInAGrammaticalSentence(int missing, int variants, string expected)
    {
        var product = new MirroredProduct
        {
            Title = "Linen Shirt",
            Variants = [.. Enumerable.Range(0, variants).Select(i => new MirroredVariant { Sku = i < missing ? null : $"S-{i}", Problem = i < missing ? SkuProblem.MissingSku : SkuProblem.None })],
        };

        Assert.Equal(expected, SkuHealth.Explain(product, new Dictionary<string, List<(long ProductId, string Title)>>()));
    }
}
