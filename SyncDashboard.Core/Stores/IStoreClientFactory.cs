namespace SyncDashboard.Core.Stores;

/// <summary>
/// Creates the client of a store known only at run time (for example, one added from the dashboard).
/// Clients are cheap: per-store state (request pacing, circuit breaker) is kept by the factory's
/// shared HTTP pipeline, keyed by the store's origin, so two clients of one store share it.
/// </summary>
public interface IStoreClientFactory
{
    /// <exception cref="ArgumentException">The endpoint has no name, no absolute http(s) URL, no token, or a rate that is not positive.</exception>
    IStoreClient Create(StoreEndpoint endpoint);
}
