namespace SyncDashboard.Core.Mapping;

public sealed record MappingReport(bool DryRun, IReadOnlyList<MappingReportLine> Lines, TimeSpan Elapsed)
{
    /// <summary>The links a real run created (empty for a dry run).</summary>
    public IReadOnlyList<long> CreatedLinkIds { get; init; } = [];

    public IReadOnlyDictionary<MappingOutcome, int> Counts { get; } =
        Lines.GroupBy(l => l.Outcome).ToDictionary(g => g.Key, g => g.Count());

    public int Count(MappingOutcome outcome) => Counts.GetValueOrDefault(outcome);

    /// <summary>Lines mapped (or to be) to a Source product that is draft or archived.</summary>
    public int SourceUnavailableCount => Lines.Count(l => l.Outcome == MappingOutcome.Mapped && l.SourceUnavailable);
}
