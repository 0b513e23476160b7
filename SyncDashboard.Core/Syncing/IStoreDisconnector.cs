namespace SyncDashboard.Core.Syncing;

/// <summary>Disconnects a Source store, ending its links.</summary>
public interface IStoreDisconnector
{
    /// <summary>
    /// Ends every link of the Source (deleting the Destination products synced from it when
    /// <paramref name="deleteCopies"/>; mapped products always stay), then removes the connection and
    /// its mirror. Returns a message for the merchant.
    /// </summary>
    Task<string> DisconnectAsync(int id, bool deleteCopies, CancellationToken cancellationToken = default);
}
