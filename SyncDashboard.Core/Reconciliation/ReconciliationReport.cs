namespace SyncDashboard.Core.Reconciliation;

/// <summary>What a reconciliation run did: each link's outcome and the store calls it made.</summary>
public sealed class ReconciliationReport(Action<LinkOutcome>? added = null)
{
    private readonly List<LinkOutcome> _outcomes = [];
    private long _reads;
    private long _writes;

    public IReadOnlyList<LinkOutcome> Outcomes => _outcomes;

    /// <summary>Store calls that read (products, levels, locations, metafields).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Store calls that wrote (product and variant changes, levels, deletions).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public TimeSpan Elapsed { get; internal set; }

    public int Count(LinkOutcomeKind kind) => _outcomes.Count(o => o.Kind == kind);

    /// <summary>Links that could not be checked or repaired in this run (new failures and repeated ones).</summary>
    public int FailedCount => Count(LinkOutcomeKind.Failed) + Count(LinkOutcomeKind.StillFailing);

    internal void Add(LinkOutcome outcome)
    {
        lock (_outcomes)
        {
            _outcomes.Add(outcome);
        }
        added?.Invoke(outcome);
    }

    internal void CountRead(int calls = 1) => Interlocked.Add(ref _reads, calls);

    internal void CountWrite(int calls = 1) => Interlocked.Add(ref _writes, calls);

    internal void Add(ReconciliationReport other)
    {
        foreach (var outcome in other.Outcomes)
        {
            Add(outcome);
        }
        CountRead((int)other.Reads);
        CountWrite((int)other.Writes);
    }
}
