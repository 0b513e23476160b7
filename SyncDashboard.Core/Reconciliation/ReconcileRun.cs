namespace SyncDashboard.Core.Reconciliation;

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

    /// <summary>
    /// Destination products whose state is known first-hand (the store's own answer to the create a
    /// moment ago, by id): they are not read again. Their stock is read as usual where the Destination
    /// has more than one location.
    /// </summary>
    public IReadOnlyDictionary<long, Stores.StoreProduct>? KnownDestinationProducts { get; init; }

    /// <summary>Called as each link's outcome is known, so a run that is cancelled keeps what it finished.</summary>
    public Action<LinkOutcome>? Outcome { get; init; }
}
