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
    IStoreClientFactory clientFactory)
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

    public IStoreClient ClientFor(StoreConnection connection) =>
        clientFactory.Create(new StoreEndpoint(connection.Name, new Uri(connection.BaseUrl), Unprotect(connection.ProtectedAccessToken), connection.RequestsPerSecond));

    public string WebhookSecretFor(StoreConnection connection) => Unprotect(connection.ProtectedWebhookSecret);

    public string Protect(string secret) => _protector.Protect(secret);

    private string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
