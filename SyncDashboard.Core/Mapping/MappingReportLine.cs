namespace SyncDashboard.Core.Mapping;

/// <summary>
/// One Destination product in a Bulk Mapper report: its outcome, why, and the Source product it was
/// compared with when there was one (a single Source product sharing its SKUs).
/// </summary>
/// <param name="DestinationProductId">The Destination product's id in its store.</param>
/// <param name="Reason">Why, in words a merchant reads.</param>
/// <param name="SourceStoreId">The Source store of <paramref name="SourceProductId"/> (null: no single Source product).</param>
/// <param name="SourceProductId">The Source product's id in its store (null: no single Source product).</param>
public sealed record MappingReportLine(
    long DestinationProductId,
    string DestinationTitle,
    MappingOutcome Outcome,
    string Reason,
    int? SourceStoreId = null,
    long? SourceProductId = null,
    string? SourceTitle = null)
{
    /// <summary>Mapped to a Source product that is draft or archived: the listing will not sell until it is active (the Source's deletion policy).</summary>
    public bool SourceUnavailable { get; init; }

    /// <summary>The name of <see cref="SourceStoreId"/>'s store, for the report's Source store column (null: no Source product).</summary>
    public string? SourceStoreName { get; init; }

    /// <summary>The Destination product's mirrored id (what the Individual Mapper takes); null when the report did not know it.</summary>
    public long? DestinationMirroredId { get; init; }

    /// <summary>The Source product's mirrored id (what the Individual Mapper takes); null: no single Source product.</summary>
    public long? SourceMirroredId { get; init; }

    /// <summary>
    /// Only some SKUs match one Source product (the same number of variants, one or more SKUs different):
    /// the line the Individual Mapper can settle, pairing the rest by option values.
    /// </summary>
    public bool CanMapByHand => Outcome == MappingOutcome.PartialSkuMatch && SourceMirroredId is not null && DestinationMirroredId is not null;
}
