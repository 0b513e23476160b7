using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Catalogue;

/// <summary>Makes sure a connected store sends this dashboard the webhooks the sync engine needs.</summary>
public sealed class WebhookSubscriptions(StoreConnectionService connections, IStoreWebhooks webhooks, ILogger<WebhookSubscriptions> logger)
{
    /// <summary>The receiver's path in the web app.</summary>
    public const string ReceiverPath = "/webhooks/shopify";

    /// <summary>Subscribes the missing topics (<see cref="IStoreWebhooks.Topics"/>) to <paramref name="publicBaseUrl"/> + <see cref="ReceiverPath"/>; returns how many were added.</summary>
    public async Task<int> EnsureAsync(StoreConnection connection, Uri publicBaseUrl, CancellationToken cancellationToken = default)
    {
        var address = new Uri(publicBaseUrl, ReceiverPath);
        var client = connections.ClientFor(connection);
        var existing = await client.ListWebhooksAsync(cancellationToken);
        var added = 0;
        foreach (var topic in webhooks.Topics.Where(t => !existing.Any(w => w.Topic == t && w.Address == address)))
        {
            await client.SubscribeWebhookAsync(topic, address, cancellationToken);
            added++;
        }
        if (added > 0)
        {
            logger.LogInformation("Subscribed {Count} webhook topics of {Store} to {Address}", added, connection.Name, address);
        }
        return added;
    }
}
