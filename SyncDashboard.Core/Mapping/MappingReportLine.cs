namespace SyncDashboard.Core.Mapping;

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
}
