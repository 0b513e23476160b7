namespace SyncDashboard.Core.Mapping;

/// <summary>What a Bulk Mapper run found (and, unless a dry run, linked): one line per Destination product, in mirrored order.</summary>
/// <param name="Elapsed">How long the comparison took.</param>
public sealed record MappingReport(bool DryRun, IReadOnlyList<MappingReportLine> Lines, TimeSpan Elapsed)
{
    /// <summary>The links a real run created (empty for a dry run).</summary>
    public IReadOnlyList<long> CreatedLinkIds { get; init; } = [];

    /// <summary>The number of lines of each outcome found (outcomes without lines are absent).</summary>
    public IReadOnlyDictionary<MappingOutcome, int> Counts { get; } =
        Lines.GroupBy(l => l.Outcome).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The number of lines with <paramref name="outcome"/> (0 when none).</summary>
    public int Count(MappingOutcome outcome) => Counts.GetValueOrDefault(outcome);

    /// <summary>Lines mapped (or to be) to a Source product that is draft or archived.</summary>
    public int SourceUnavailableCount => Lines.Count(l => l.Outcome == MappingOutcome.Mapped && l.SourceUnavailable);
}
