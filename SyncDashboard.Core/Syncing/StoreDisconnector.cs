using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;

namespace SyncDashboard.Core.Syncing;

/// <inheritdoc cref="IStoreDisconnector"/>
public sealed class StoreDisconnector(StoreConnectionService connections, LinkStore links, CatalogueMirror mirror, ActivityLog activity, Users.DashboardActors actors) : IStoreDisconnector
{
    public async Task<string> DisconnectAsync(int id, bool deleteCopies, CancellationToken cancellationToken = default) =>
        await DisconnectAsync(id, deleteCopies, null, cancellationToken);

    /// <summary>
    /// Disconnects a Source, in an order a stop can resume (the job runs it again after a restart): the store
    /// is marked disconnected first (nothing syncs it any more); with <paramref name="deleteCopies"/>, each
    /// synced copy is deleted at the Destination and only then its link removed, one by one, with
    /// <paramref name="progress"/> (done, total); then the other links end, the store's webhook
    /// subscriptions are removed and the connection with them. Mapped products (the merchant's own
    /// listings) are never deleted.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such connection (or it was removed already).</exception>
    /// <exception cref="Users.ActionNotAllowedException">The acting user is not the Owner.</exception>
    public async Task<string> DisconnectAsync(int id, bool deleteCopies, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("disconnect stores");
        var connection = await connections.FindAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"No store connection {id}.");
        if (connection.Role == StoreRole.Destination)
        {
            throw new InvalidOperationException("The Destination store cannot be disconnected while Sources are linked to it.");
        }
        await connections.SetStatusAsync(id, ConnectionStatus.Disconnected, cancellationToken);
        var deleted = 0;
        if (deleteCopies && await connections.FindDestinationAsync(cancellationToken) is { } destination)
        {
            try
            {
                var client = connections.ClientFor(destination);
                var copies = (await links.ListOfSourceAsync(id, cancellationToken)).Where(l => l.Kind == LinkKind.Synced).ToList();
                progress?.Report((0, copies.Count));
                foreach (var (link, index) in copies.Select((l, i) => (l, i)))
                {
                    if (await client.DeleteProductAsync(link.DestinationProductId, cancellationToken))
                    {
                        deleted++;
                    }
                    await mirror.RemoveAsync(destination.Id, link.DestinationProductId, cancellationToken);
                    await links.RemoveAsync(link.Id, cancellationToken);
                    progress?.Report((index + 1, copies.Count));
                }
            }
            catch (Stores.StoreApiException e)
            {
                // Stopped halfway: the store stays connected with the copies not deleted yet, and the merchant is told.
                await connections.SetStatusAsync(id, ConnectionStatus.Connected, CancellationToken.None);
                await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error,
                    $"Disconnecting {connection.Name} stopped after deleting {deleted} of its copies: {e.Message} It stays connected; disconnect it again to finish.",
                    connection.Id, connection.Name, cancellationToken: CancellationToken.None);
                throw;
            }
        }
        var ended = await links.RemoveAllOfSourceAsync(id, cancellationToken);
        var unsubscribed = await UnsubscribeAsync(connection, cancellationToken);
        await connections.RemoveAsync(id, cancellationToken);
        var message = deleteCopies
            ? $"Disconnected {connection.Name}: {deleted} Destination product{(deleted == 1 ? "" : "s")} synced from it deleted, {ended.Count} other link{(ended.Count == 1 ? "" : "s")} ended (mapped listings kept)."
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
