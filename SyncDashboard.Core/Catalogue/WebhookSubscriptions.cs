using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Catalogue;

/// <summary>Makes sure a connected store sends this dashboard the webhooks the sync engine needs, and only those.</summary>
public sealed class WebhookSubscriptions(StoreConnectionService connections, IStoreWebhooks webhooks, ILogger<WebhookSubscriptions> logger)
{
    /// <summary>The receiver's path in the web app.</summary>
    public const string ReceiverPath = "/webhooks/shopify";

    /// <summary>
    /// Subscribes the missing topics (<see cref="IStoreWebhooks.Topics"/>) to <paramref name="publicBaseUrl"/> +
    /// <see cref="ReceiverPath"/>, then deletes the store's subscriptions to a receiver at that path elsewhere
    /// (an address the dashboard no longer has) or for topics it does not use. Subscriptions to other paths
    /// (other apps) are left alone.
    /// </summary>
    /// <exception cref="StoreApiException">The store could not be asked or refused a change (what was done stays done).</exception>
    public async Task<WebhookRepair> EnsureAsync(StoreConnection connection, Uri publicBaseUrl, CancellationToken cancellationToken = default)
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
        var removed = 0;
        foreach (var wrong in existing.Where(w => IsOurs(w) && (w.Address != address || !webhooks.Topics.Contains(w.Topic))))
        {
            await client.DeleteWebhookAsync(wrong.Id, cancellationToken);
            removed++;
        }
        if (added > 0 || removed > 0)
        {
            logger.LogInformation("Webhooks of {Store}: {Added} topics subscribed to {Address}, {Removed} wrong subscriptions removed",
                connection.Name, added, address, removed);
        }
        return new WebhookRepair(added, removed);
    }

    private static bool IsOurs(StoreWebhookSubscription subscription) =>
        subscription.Address.AbsolutePath.Equals(ReceiverPath, StringComparison.OrdinalIgnoreCase);
}
