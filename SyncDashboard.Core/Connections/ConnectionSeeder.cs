using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// On a fresh database, connects the stores of the <c>Stores</c> configuration section (the demo
/// stores by default), so the dashboard opens with its stores connected and no set-up step.
/// Idempotent: a store already connected (by name) is left as it is.
/// </summary>
public sealed class ConnectionSeeder(
    IDbContextFactory<SyncDbContext> dbFactory,
    IOptions<StoreConnectionsOptions> stores,
    StoreConnectionService connections,
    TimeProvider time,
    ILogger<ConnectionSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var configured = stores.Value;
        var all = new List<(StoreConnectionOptions Store, StoreRole Role)>();
        if (configured.Destination is not null)
        {
            all.Add((configured.Destination, StoreRole.Destination));
        }
        all.AddRange(configured.Sources.Select(s => (s, StoreRole.Source)));

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var known = (await db.StoreConnections.Select(c => c.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hasDestination = await db.StoreConnections.AnyAsync(c => c.Role == StoreRole.Destination, cancellationToken);
        foreach (var (store, role) in all)
        {
            if (known.Contains(store.Name.Trim()) || role == StoreRole.Destination && hasDestination)
            {
                continue;
            }
            var connection = new StoreConnection
            {
                Name = store.Name.Trim(),
                Role = role,
                BaseUrl = store.BaseUrl.TrimEnd('/'),
                ProtectedAccessToken = connections.Protect(store.AccessToken),
                // An app with a client id and secret has its webhooks signed with that secret (shopify.dev "Deliver webhooks through HTTPS").
                ProtectedWebhookSecret = connections.Protect(string.IsNullOrWhiteSpace(store.WebhookSecret) ? store.ClientSecret?.Trim() ?? "" : store.WebhookSecret),
                Api = store.Api,
                Credentials = string.IsNullOrWhiteSpace(store.ClientId) ? StoreCredentialKind.AccessToken : StoreCredentialKind.ClientCredentials,
                ClientId = string.IsNullOrWhiteSpace(store.ClientId) ? null : store.ClientId.Trim(),
                ProtectedClientSecret = string.IsNullOrWhiteSpace(store.ClientSecret) ? null : connections.Protect(store.ClientSecret.Trim()),
                RequestsPerSecond = store.RequestsPerSecond,
                ShopDomain = new Uri(store.BaseUrl).Host,
                CreatedAt = time.GetUtcNow(),
            };
            try
            {
                var shop = await connections.ClientFor(connection).GetShopAsync(cancellationToken);
                connection.ShopDomain = shop.Domain;
                // A Destination writes linked stock at its primary location; a Source counts all its locations.
                connection.LocationId = role == StoreRole.Destination ? shop.PrimaryLocationId : null;
            }
            catch (StoreApiException e)
            {
                connection.Status = ConnectionStatus.Unreachable;
                connection.LastError = e.Message;
                logger.LogWarning("Connected {Store} from configuration, but it does not answer yet: {Error}", connection.Name, e.Message);
            }
            db.StoreConnections.Add(connection);
            logger.LogInformation("Connected {Role} store {Store} from configuration", role, connection.Name);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
