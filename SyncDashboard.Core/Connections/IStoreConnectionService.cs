namespace SyncDashboard.Core.Connections;

/// <summary>The connected stores as the dashboard manages them.</summary>
public interface IStoreConnectionService
{
    /// <summary>Every store that is not disconnected: the Destination first, then the Sources.</summary>
    Task<IReadOnlyList<StoreConnection>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Which product fields follow a Source store, and what a Source deletion does.</summary>
    Task UpdateSettingsAsync(int id, ProductFieldSync fieldSync, SourceDeletePolicy deletePolicy, CancellationToken cancellationToken = default);

    /// <summary>Removes a Source store's links (deleting its Destination copies when asked); a message for the merchant.</summary>
    Task<string> DisconnectAsync(int id, bool deleteCopies, CancellationToken cancellationToken = default);
}
