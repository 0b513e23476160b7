namespace SyncDashboard.Core.Mapping;

/// <summary>
/// The two products side by side, variants in the stores' order, with the pairs proposed for them
/// (<see cref="VariantPairing.Propose"/>: by SKU, else by option values). Ids are mirrored ids.
/// </summary>
/// <param name="Proposed">One entry per Source variant, in its order: the Destination variant proposed and why.</param>
public sealed record MappingProposal(
    long SourceProductId,
    string SourceTitle,
    IReadOnlyList<MappingVariant> SourceVariants,
    long DestinationProductId,
    string DestinationTitle,
    IReadOnlyList<MappingVariant> DestinationVariants,
    IReadOnlyList<ProposedPair> Proposed)
{
    /// <summary>The proposed pairs as <see cref="IIndividualMapper.SaveAsync"/> takes them.</summary>
    public IReadOnlyList<VariantPair> SuggestedPairs => [.. Proposed.Select(p => p.ToVariantPair())];

    /// <summary>When the Source product is draft or archived: what that means for the listing (<see cref="UnavailableSource.Warning"/>); null otherwise.</summary>
    public string? SourceWarning { get; init; }
}
