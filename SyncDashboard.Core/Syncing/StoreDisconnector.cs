using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;

namespace SyncDashboard.Core.Syncing;

/// <inheritdoc cref="IStoreDisconnector"/>
public sealed class StoreDisconnector(StoreConnectionService connections, LinkStore links, CatalogueMirror mirror, ActivityLog activity, Users.DashboardActors actors) : IStoreDisconnector
{
    public async Task<string> DisconnectAsync(int id, bool deleteCopies, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("disconnect stores");
        var connection = await connections.FindAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"No store connection {id}.");
        if (connection.Role == StoreRole.Destination)
        {
            throw new InvalidOperationException("The Destination store cannot be disconnected while Sources are linked to it.");
        }
        var ended = await links.RemoveAllOfSourceAsync(id, cancellationToken);
        var deleted = 0;
        if (deleteCopies && await connections.FindDestinationAsync(cancellationToken) is { } destination)
        {
            var client = connections.ClientFor(destination);
            foreach (var link in ended.Where(l => l.Kind == LinkKind.Synced))
            {
                if (await client.DeleteProductAsync(link.DestinationProductId, cancellationToken))
                {
                    deleted++;
                }
                await mirror.RemoveAsync(destination.Id, link.DestinationProductId, cancellationToken);
            }
        }
        var unsubscribed = await UnsubscribeAsync(connection, cancellationToken);
        await connections.RemoveAsync(id, cancellationToken);
        var message = deleteCopies
            ? $"Disconnected {connection.Name}: {ended.Count} links removed, {deleted} Destination products deleted."
            : $"Disconnected {connection.Name}: {ended.Count} links removed, Destination products kept.";
        message += unsubscribed ? " Its webhook subscriptions to this dashboard were removed." : " Its webhook subscriptions could not be removed (the store did not answer); its deliveries will be refused.";
        await activity.RecordAsync(ActivityKind.Connection, ActivitySeverity.Warning, message, cancellationToken: cancellationToken);
        return message;
    }

    /// <summary>
    /// Removes the store's webhook subscriptions to this dashboard's receiver, so a store no longer
    /// connected stops delivering (and a later connection subscribes afresh). Best effort: false when the store could not be asked.
    /// </summary>
    private async Task<bool> UnsubscribeAsync(StoreConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var client = connections.ClientFor(connection);
            foreach (var subscription in await client.ListWebhooksAsync(cancellationToken))
            {
                if (subscription.Address.AbsolutePath.Equals(WebhookSubscriptions.ReceiverPath, StringComparison.OrdinalIgnoreCase))
                {
                    await client.DeleteWebhookAsync(subscription.Id, cancellationToken);
                }
            }
            return true;
        }
        catch (Stores.StoreApiException)
        {
            return false;
        }
    }
}
