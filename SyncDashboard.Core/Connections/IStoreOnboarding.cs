namespace SyncDashboard.Core.Connections;

/// <summary>
/// What a newly connected store goes through before it is used: its catalogue read into the mirror
/// and the webhooks the engine needs subscribed (implemented by the catalogue, which sits above the
/// connections).
/// </summary>
public interface IStoreOnboarding
{
    /// <summary>Reads the store's catalogue; subscribes its webhooks to <paramref name="publicBaseUrl"/> when one is known.</summary>
    /// <exception cref="Stores.StoreApiException">The store could not be read.</exception>
    Task OnboardAsync(StoreConnection connection, Uri? publicBaseUrl, CancellationToken cancellationToken = default);
}
