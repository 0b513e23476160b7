namespace SyncDashboard.Core.Connections;

/// <summary>Connects a new store: a test first, then save, read and subscribe.</summary>
public interface IStoreConnector
{
    /// <summary>Asks the store who it is: its name and locations, or a clear reason (bad address, refused token).</summary>
    Task<ConnectionTestResult> TestAsync(NewStoreConnection request, CancellationToken cancellationToken = default);

    /// <summary>Tests, saves, reads and subscribes webhooks to this app; the new connection, or the reason it was refused.</summary>
    Task<(StoreConnection? Connection, string Message)> ConnectAsync(NewStoreConnection request, CancellationToken cancellationToken = default);
}
