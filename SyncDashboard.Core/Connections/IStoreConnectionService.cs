namespace SyncDashboard.Core.Connections;

/// <summary>The connected stores as the dashboard manages them.</summary>
public interface IStoreConnectionService
{
    /// <summary>Every store that is not disconnected: the Destination first, then the Sources.</summary>
    Task<IReadOnlyList<StoreConnection>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a Source's settings (fields per link kind, price rule, stock location, deletion policy);
    /// every link of the Source is then verified at the next reconciliation pass. Throws
    /// <see cref="ArgumentException"/> with every problem when the settings are invalid (nothing saved).
    /// </summary>
    Task UpdateSettingsAsync(int id, SourceSettings settings, CancellationToken cancellationToken = default);

    /// <summary>The locations of a connected store (for the Source's stock location choice).</summary>
    Task<IReadOnlyList<Stores.StoreLocation>> ListLocationsAsync(int id, CancellationToken cancellationToken = default);
}
