namespace SyncDashboard.Core.Mapping;

/// <summary>The two products side by side, with pairs suggested by SKU.</summary>
public sealed record MappingProposal(
    long SourceProductId,
    string SourceTitle,
    IReadOnlyList<MappingVariant> SourceVariants,
    long DestinationProductId,
    string DestinationTitle,
    IReadOnlyList<MappingVariant> DestinationVariants,
    IReadOnlyList<VariantPair> SuggestedPairs)
{
    /// <summary>When the Source product is draft or archived: what that means for the listing (<see cref="UnavailableSource.Warning"/>); null otherwise.</summary>
    public string? SourceWarning { get; init; }
}
