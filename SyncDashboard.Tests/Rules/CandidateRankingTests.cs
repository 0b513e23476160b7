using SyncDashboard.Core.Mapping;

namespace SyncDashboard.Tests.Rules;

/// <summary>The order in which the Individual Mapper offers Destination products, pure.</summary>
public sealed class CandidateRankingTests
{
    private static MappingCandidate Candidate(long id, string title, int variants, params string[] skus) =>
        new(id, 7000 + id, title, "Acme", variants, skus, Linked: false);

    private static IReadOnlyList<long> Order(string title, string?[] skus, int variants, params MappingCandidate[] candidates) =>
        [.. CandidateRanking.Rank(title, skus, variants, candidates).Select(c => c.Id)];

    [Fact]
    public void MostSkusInCommonComeFirstWhateverTheAlphabetSays()
    {
        var ranked = CandidateRanking.Rank("Linen Shirt", ["LS-S", "LS-M", "LS-L"], 3,
        [
            Candidate(1, "Alpha Mug", 3, "MUG-1", "MUG-2", "MUG-3"),
            Candidate(2, "Zebra Shirt", 3, "LS-S", "LS-M", "LS-L"),
            Candidate(3, "Beta Shirt", 3, "LS-S", "OTHER", "OTHER-2"),
        ]);

        Assert.Equal([2L, 3L, 1L], ranked.Select(c => c.Id));
        Assert.Equal(["3 of 3 SKUs match", "1 of 3 SKUs match", "0 of 3 SKUs match"], ranked.Select(c => c.Overlap.Text));
        Assert.True(ranked[0].Overlap.All);
        Assert.False(ranked[1].Overlap.All);
    }

    [Fact]
    public void SkusCompareAsMapComparesThemTrimmedIgnoringCaseEachCountedOnce()
    {
        var overlap = SkuOverlap.Between([" ls-s", "LS-M", "LS-M", null, ""], ["LS-S ", "ls-m", "X"]);

        Assert.Equal(new SkuOverlap(2, 2), overlap); // the Source's repeated SKU and its variants without SKU are not counted
        Assert.Equal("2 of 2 SKUs match", overlap.Text);
        Assert.Equal("1 of 1 SKU matches", SkuOverlap.Between(["A"], ["a"]).Text);
        Assert.Equal("the Source product has no SKUs", SkuOverlap.Between([null, " "], ["A"]).Text);
    }

    [Fact]
    public void AtEqualOverlapTheSameNumberOfVariantsComesFirstThenTheMostSimilarTitle()
    {
        Assert.Equal([3L, 2L, 1L], Order("Linen Shirt", ["LS-S", "LS-M"], 2,
            Candidate(1, "Linen Shirt", 3, "LS-S"),              // the same title, but one variant too many: Map would refuse it
            Candidate(2, "Garden Hose", 2, "LS-M"),
            Candidate(3, "Linen Shirt (Outlet)", 2, "LS-S")));
    }

    [Fact]
    public void WithoutSkusInCommonTheTitleDecidesAndTiesGoAlphabetically()
    {
        Assert.Equal([3L, 4L, 2L, 1L], Order("Wool Beanie", ["WB-1"], 1,
            Candidate(1, "Teapot", 1, "T-1"),
            Candidate(2, "Candle", 1, "C-1"),
            Candidate(3, "Wool Beanie (Grey)", 1, "X-1"),
            Candidate(4, "beanie", 1, "X-2")));
    }

    [Fact]
    public void TitleSimilarityIsTheShareOfWordsInCommonIgnoringCaseAndPunctuation()
    {
        Assert.Equal(1.0, CandidateRanking.TitleSimilarity("Linen Shirt", "linen-SHIRT"));
        Assert.Equal(2.0 / 3, CandidateRanking.TitleSimilarity("Linen Shirt", "Linen Shirt (Outlet)"), 10);
        Assert.Equal(0.0, CandidateRanking.TitleSimilarity("Linen Shirt", "Tea Cup"));
        Assert.Equal(0.0, CandidateRanking.TitleSimilarity("", "Tea Cup"));
    }

    [Fact]
    public void LinkedCandidatesKeepTheirPlace()
    {
        var ranked = CandidateRanking.Rank("Linen Shirt", ["LS-S"], 1,
            [Candidate(1, "Other", 1, "X"), Candidate(2, "Linen Shirt", 1, "LS-S") with { Linked = true }]);

        Assert.Equal([2L, 1L], ranked.Select(c => c.Id)); // shown first, disabled, so the merchant sees why it cannot be chosen
    }
}
