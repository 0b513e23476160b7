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
