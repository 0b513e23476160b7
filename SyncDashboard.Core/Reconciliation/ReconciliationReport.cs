namespace SyncDashboard.Core.Reconciliation;

/// <summary>What became of one link in a reconciliation run.</summary>
public enum LinkOutcomeKind
{
    /// <summary>Both sides were equal: nothing was written.</summary>
    InStep,

    /// <summary>Differences were found and repaired.</summary>
    Repaired,

    /// <summary>The merchant must act (see the message); what could be repaired was.</summary>
    OutOfStep,

    /// <summary>The link ended: its Source or Destination product is gone (the deletion policy was applied).</summary>
    Unlinked,

    /// <summary>A store could not be read or written; the link stays Repairing and is tried again.</summary>
    Failed,

    /// <summary>Failed again, as in the run before (not reported again).</summary>
    StillFailing,

    /// <summary>A verify-only run found differences and requested a repair (done by a run at full rate).</summary>
    NeedsRepair,
}

/// <summary>One link's outcome, with what changed ("title", "stock of 2 variants") and a message a merchant reads.</summary>
public sealed record LinkOutcome(long LinkId, long SourceProductId, string Title, LinkOutcomeKind Kind, IReadOnlyList<string> Changes, string Message);

/// <summary>What a reconciliation run did: each link's outcome and the store calls it made.</summary>
public sealed class ReconciliationReport
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

/// <summary>How a reconciliation runs.</summary>
public sealed record ReconcileRun
{
    /// <summary>Why it runs, for the Activity Log ("Reconciliation", "Resync", "Map").</summary>
    public string Trigger { get; init; } = "Reconciliation";

    /// <summary>Called before every store call: the periodic pass waits there for its share of the store's rate limit.</summary>
    public Func<Connections.StoreConnection, CancellationToken, ValueTask>? BeforeCall { get; init; }

    /// <summary>Links done so far and in all.</summary>
    public IProgress<(int Done, int Total)>? Progress { get; init; }

    /// <summary>Links read together (one products call per side per batch, up to 250).</summary>
    public int BatchSize { get; init; } = Reconciler.MaxBatchSize;

    /// <summary>Whether the run writes one summary of its repairs to the Activity Log.</summary>
    public bool LogSummary { get; init; } = true;

    /// <summary>
    /// Only compare: a link that differs gets a check requested (repaired at full rate by the reconciliation
    /// service), so a run limited to a share of the stores' rate never holds links for long.
    /// </summary>
    public bool VerifyOnly { get; init; }
}
