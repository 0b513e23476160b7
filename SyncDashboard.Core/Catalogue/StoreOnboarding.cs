using SyncDashboard.Core.Connections;

namespace SyncDashboard.Core.Catalogue;

/// <inheritdoc cref="IStoreOnboarding"/>
public sealed class StoreOnboarding(CatalogueRefresher refresher, WebhookSubscriptions webhooks) : IStoreOnboarding
{
    public async Task OnboardAsync(StoreConnection connection, Uri? publicBaseUrl, CancellationToken cancellationToken = default)
    {
        await refresher.FullReadAsync(connection, cancellationToken);
        if (publicBaseUrl is not null)
        {
            await webhooks.EnsureAsync(connection, publicBaseUrl, cancellationToken);
        }
    }
}
