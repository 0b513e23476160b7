namespace SyncDashboard.Core.Syncing;

/// <summary>
/// A Source inventory item whose linked Destination stock must be brought to the Source's quantity
/// (a webhook or a sweep hinted at a change). Saved before the hint is acknowledged and removed only
/// once the Destination has the quantity read after <see cref="RequestedAt"/>, so a crash or restart
/// loses no pending update. One row per item: hints that arrive while it waits are coalesced.
/// </summary>
public sealed class PendingInventoryUpdate
{
    public int SourceStoreId { get; set; }
    public long SourceInventoryItemId { get; set; }

    /// <summary>The latest hint: the update is done when a Source read that started after it has been applied.</summary>
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Not before this time (a retry after a failure waits).</summary>
    public DateTimeOffset NotBefore { get; set; }

    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
