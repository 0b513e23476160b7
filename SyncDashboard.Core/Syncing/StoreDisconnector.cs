using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;

namespace SyncDashboard.Core.Syncing;

/// <inheritdoc cref="IStoreDisconnector"/>
public sealed class StoreDisconnector(StoreConnectionService connections, LinkStore links, CatalogueMirror mirror, ActivityLog activity) : IStoreDisconnector
{
    public async Task<string> DisconnectAsync(int id, bool deleteCopies, CancellationToken cancellationToken = default)
    {
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
        await connections.RemoveAsync(id, cancellationToken);
        var message = deleteCopies
            ? $"Disconnected {connection.Name}: {ended.Count} links removed, {deleted} Destination products deleted."
            : $"Disconnected {connection.Name}: {ended.Count} links removed, Destination products kept.";
        await activity.RecordAsync(ActivityKind.Connection, ActivitySeverity.Warning, message, cancellationToken: cancellationToken);
        return message;
    }
}
