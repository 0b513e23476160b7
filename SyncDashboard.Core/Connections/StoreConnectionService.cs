using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// The stores the dashboard is connected to: reads them, gives their clients and secrets, and
/// connects new ones. Tokens and webhook secrets are encrypted with ASP.NET Core Data Protection
/// before they are saved and decrypted only to make a request or check a signature.
/// </summary>
public sealed class StoreConnectionService(
    IDbContextFactory<SyncDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    IStoreClientFactory clientFactory) : IStoreConnectionService
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("SyncDashboard.StoreConnections.v1");

    public async Task<IReadOnlyList<StoreConnection>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.StoreConnections.AsNoTracking()
            .Where(c => c.Status != ConnectionStatus.Disconnected)
            .OrderBy(c => c.Role == StoreRole.Destination ? 0 : 1).ThenBy(c => c.Name)
            .ToListAsync(cancellationToken);
    }

    public async Task<StoreConnection?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.StoreConnections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    public async Task<StoreConnection?> FindDestinationAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.StoreConnections.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Role == StoreRole.Destination && c.Status != ConnectionStatus.Disconnected, cancellationToken);
    }

    /// <summary>The connection whose webhooks carry <paramref name="shopDomain"/> in <c>X-Shopify-Shop-Domain</c>.</summary>
    public async Task<StoreConnection?> FindByShopDomainAsync(string shopDomain, CancellationToken cancellationToken = default)
    {
        var domain = shopDomain.Trim().ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.StoreConnections.AsNoTracking()
            .FirstOrDefaultAsync(c => c.ShopDomain == domain && c.Status != ConnectionStatus.Disconnected, cancellationToken);
    }

    /// <summary>Which product fields flow from this Source, and what a Source deletion does.</summary>
    public async Task UpdateSettingsAsync(int id, ProductFieldSync fieldSync, SourceDeletePolicy deletePolicy, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.StoreConnections.Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FieldSync, fieldSync).SetProperty(c => c.DeletePolicy, deletePolicy), cancellationToken);
        if (updated == 0)
        {
            throw new KeyNotFoundException($"No store connection {id}.");
        }
    }

    /// <summary>
    /// Disconnects a Source store: removes its links (and, with <paramref name="deleteCopies"/>, deletes
    /// the Destination products synced from it), its mirror, and the connection. Returns what was done.
    /// </summary>
    public async Task<string> DisconnectAsync(int id, bool deleteCopies, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = await db.StoreConnections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new KeyNotFoundException($"No store connection {id}.");
        if (connection.Role == StoreRole.Destination)
        {
            throw new InvalidOperationException("The Destination store cannot be disconnected while Sources are linked to it.");
        }
        var links = await db.ProductLinks.Where(l => l.SourceStoreId == id).ToListAsync(cancellationToken);
        var deleted = 0;
        if (deleteCopies)
        {
            var destination = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Role == StoreRole.Destination, cancellationToken);
            var client = ClientFor(destination);
            foreach (var link in links.Where(l => l.Kind == Linking.LinkKind.Synced))
            {
                if (await client.DeleteProductAsync(link.DestinationProductId, cancellationToken))
                {
                    deleted++;
                }
                await db.Products.Where(p => p.StoreId == destination.Id && p.ExternalId == link.DestinationProductId).ExecuteDeleteAsync(cancellationToken);
            }
        }
        var destinationIds = links.Select(l => l.DestinationProductId).ToList();
        await db.Products.Where(p => destinationIds.Contains(p.ExternalId) && p.StoreId != id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SyncState, Catalogue.SyncState.NotSynced), cancellationToken);
        db.ProductLinks.RemoveRange(links);
        db.StoreConnections.Remove(connection);
        await db.SaveChangesAsync(cancellationToken);
        return deleteCopies
            ? $"Disconnected {connection.Name}: {links.Count} links removed, {deleted} Destination products deleted."
            : $"Disconnected {connection.Name}: {links.Count} links removed, Destination products kept.";
    }

    public IStoreClient ClientFor(StoreConnection connection) =>
        clientFactory.Create(new StoreEndpoint(connection.Name, new Uri(connection.BaseUrl), Unprotect(connection.ProtectedAccessToken), connection.RequestsPerSecond));

    public string WebhookSecretFor(StoreConnection connection) => Unprotect(connection.ProtectedWebhookSecret);

    public string Protect(string secret) => _protector.Protect(secret);

    private string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
