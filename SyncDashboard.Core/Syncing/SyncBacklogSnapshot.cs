namespace SyncDashboard.Core.Syncing;

/// <summary>What is waiting to reach the Destination, and how fast it goes (for the dashboard's backlog banner).</summary>
/// <param name="PendingStockUpdates">Source inventory items whose Destination stock is still to be set (<see cref="PendingInventoryUpdate"/> rows).</param>
/// <param name="LinksAwaitingCheck">Linked products waiting for the reconciliation to compare both sides.</param>
/// <param name="OldestWaitingSince">When the oldest of them was asked for; null when nothing waits.</param>
/// <param name="StockUpdatesPerMinute">Stock updates done in the last minute (the measured pace); null before the first one.</param>
/// <param name="CatchUp">At that pace, how long until the stock updates waiting now are done; null when it cannot be said (nothing done lately).</param>
/// <param name="LastError">Why the waiting updates are being retried (the store's last error), when they are.</param>
public sealed record SyncBacklogSnapshot(int PendingStockUpdates, int LinksAwaitingCheck, DateTimeOffset? OldestWaitingSince, double? StockUpdatesPerMinute,
    TimeSpan? CatchUp, string? LastError)
{
    public bool IsEmpty => PendingStockUpdates == 0 && LinksAwaitingCheck == 0;
}
