using SyncDashboard.Core.Catalogue;

namespace SyncDashboard.Core.Mapping;

/// <summary>
/// How many of a Source product's SKUs a Destination product holds, the first key of the Individual
/// Mapper's candidate order (<see cref="CandidateRanking"/>). SKUs compare as Map compares them:
/// trimmed and ignoring case (<see cref="SkuMatching.Skus"/>); a SKU counts once however many
/// variants carry it, and variants without a SKU are left out.
/// </summary>
/// <param name="Shared">The Source product's distinct SKUs the Destination product also holds (0 to <paramref name="OfSource"/>).</param>
/// <param name="OfSource">The Source product's distinct SKUs (0 when none of its variants has a SKU).</param>
public sealed record SkuOverlap(int Shared, int OfSource)
{
    /// <summary>No Source SKUs to compare (a candidate listed before any Source product is known).</summary>
    public static SkuOverlap None { get; } = new(0, 0);

    /// <summary>Every SKU of the Source product is held by the Destination product (and it has some).</summary>
    public bool All => OfSource > 0 && Shared == OfSource;

    /// <summary>The overlap of <paramref name="sourceSkus"/> with <paramref name="destinationSkus"/> (each one entry a variant; null or blank: no SKU).</summary>
    public static SkuOverlap Between(IEnumerable<string?> sourceSkus, IEnumerable<string?> destinationSkus)
    {
        var source = SkuMatching.Skus(sourceSkus);
        var destination = SkuMatching.Skus(destinationSkus).ToHashSet(StringComparer.Ordinal);
        return new(source.Count(destination.Contains), source.Count);
    }

    /// <summary>"3 of 3 SKUs match", "1 of 1 SKU matches", "the Source product has no SKUs".</summary>
    public string Text => OfSource == 0
        ? "the Source product has no SKUs"
        : $"{Shared} of {OfSource} SKU{(OfSource == 1 ? " matches" : "s match")}";
}
