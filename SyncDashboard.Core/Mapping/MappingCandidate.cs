namespace SyncDashboard.Core.Mapping;

/// <summary>
/// A Destination product the merchant may map a Source product to, as the Individual Mapper lists it.
/// </summary>
/// <param name="Id">The product's mirrored id (what <see cref="IIndividualMapper.ProposeAsync"/> takes).</param>
/// <param name="ExternalId">The product's id in the Destination store.</param>
/// <param name="VariantCount">Its number of variants (Map needs as many as the Source product has).</param>
/// <param name="Skus">Its variants' SKUs as the store gives them, in variant order, variants without a SKU left out.</param>
/// <param name="Linked">Already linked to a Source product: it cannot be chosen.</param>
public sealed record MappingCandidate(long Id, long ExternalId, string Title, string? Vendor, int VariantCount, IReadOnlyList<string> Skus, bool Linked)
{
    /// <summary>How many of the Source product's SKUs it holds, set by <see cref="CandidateRanking.Rank"/> (<see cref="SkuOverlap.None"/> until then).</summary>
    public SkuOverlap Overlap { get; init; } = SkuOverlap.None;
}
