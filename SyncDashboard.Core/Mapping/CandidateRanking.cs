namespace SyncDashboard.Core.Mapping;

/// <summary>
/// The order in which the Individual Mapper offers Destination products for one Source product
/// (pure; issue 11, "The Destination side"): the product most likely to be the same one first, so
/// the merchant rarely has to search. Keys, in order:
/// <list type="number">
/// <item>SKU overlap, most first (<see cref="SkuOverlap"/>): SKUs identify a product (the rule behind Map);</item>
/// <item>the same number of variants first: Map pairs every variant one to one, so only those can be saved;</item>
/// <item>title similarity, most first (<see cref="TitleSimilarity"/>): a listing's title is often the Source's, perhaps with a suffix;</item>
/// <item>title (ignoring case), then mirrored id, so the order is stable.</item>
/// </list>
/// Products already linked are ranked like any other (the dialog shows them, disabled, with the reason).
/// </summary>
public static class CandidateRanking
{
    /// <summary>
    /// <paramref name="candidates"/> with their <see cref="MappingCandidate.Overlap"/> with the Source product
    /// set, in the order above. <paramref name="sourceSkus"/>: the Source product's variants' SKUs, one entry a
    /// variant (null or blank: no SKU); <paramref name="sourceVariantCount"/>: its number of variants.
    /// </summary>
    public static IReadOnlyList<MappingCandidate> Rank(string sourceTitle, IReadOnlyList<string?> sourceSkus, int sourceVariantCount,
        IEnumerable<MappingCandidate> candidates)
    {
        var sourceWords = Words(sourceTitle);
        return [.. candidates
            .Select(c => (Candidate: c with { Overlap = SkuOverlap.Between(sourceSkus, c.Skus) }, Similarity: Similarity(sourceWords, Words(c.Title))))
            .OrderByDescending(c => c.Candidate.Overlap.Shared)
            .ThenByDescending(c => c.Candidate.VariantCount == sourceVariantCount)
            .ThenByDescending(c => c.Similarity)
            .ThenBy(c => c.Candidate.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Candidate.Id)
            .Select(c => c.Candidate)];
    }

    /// <summary>
    /// How alike two titles are, from 0 (no word in common, or a title without words) to 1 (the same words):
    /// the words both hold over the words either holds (Jaccard), words being runs of letters and digits,
    /// compared ignoring case. "Linen Shirt" and "Linen Shirt (Outlet)" are 2/3 alike.
    /// </summary>
    public static double TitleSimilarity(string? first, string? second) => Similarity(Words(first), Words(second));

    private static double Similarity(HashSet<string> first, HashSet<string> second)
    {
        if (first.Count == 0 || second.Count == 0)
        {
            return 0;
        }
        var shared = first.Count(second.Contains);
        return (double)shared / (first.Count + second.Count - shared);
    }

    /// <summary>The distinct words of a title, lower case: runs of letters and digits ("Linen Shirt (Outlet)": linen, shirt, outlet).</summary>
    public static IReadOnlyCollection<string> TitleWords(string? title) => Words(title);

    private static HashSet<string> Words(string? title)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(title))
        {
            return words;
        }
        var start = -1;
        for (var i = 0; i <= title.Length; i++)
        {
            var inWord = i < title.Length && char.IsLetterOrDigit(title[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(title[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return words;
    }
}
