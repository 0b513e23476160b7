using SyncDashboard.Core.Activity;
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
    IStoreClientFactory clientFactory,
    ActivityLog activity,
    Users.DashboardActors actors) : IStoreConnectionService
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

    /// <summary>
    /// Sets a store's status: <see cref="ConnectionStatus.Disconnected"/> while its disconnection runs (the engine, the grid and new
    /// connections leave it alone), <see cref="ConnectionStatus.Connected"/> again when that stopped halfway.
    /// </summary>
    public async Task SetStatusAsync(int id, ConnectionStatus status, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.StoreConnections.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status), cancellationToken);
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

    /// <summary>Raised after a Source's settings were saved: its id (its links are then verified again).</summary>
    public event Action<int>? SettingsChanged;

    public async Task UpdateSettingsAsync(int id, SourceSettings settings, CancellationToken cancellationToken = default)
    {
        actors.DemandOperator("change the settings of fields and prices");
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = await db.StoreConnections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new KeyNotFoundException($"No store connection {id}.");
        if (connection.Role != StoreRole.Source)
        {
            throw new ArgumentException("These settings belong to Source stores.", nameof(id));
        }
        if (settings.LocationId is { } location && (await ClientFor(connection).ListLocationsAsync(cancellationToken)).All(l => l.Id != location))
        {
            throw new ArgumentException($"{connection.Name} has no location {location}.", nameof(settings));
        }
        connection.SyncedFields = settings.SyncedFields;
        connection.MappedFields = settings.MappedFields;
        connection.PriceRule = settings.PriceRule;
        connection.LocationId = settings.LocationId;
        connection.DeletePolicy = settings.DeletePolicy;
        await db.SaveChangesAsync(cancellationToken);
        await activity.RecordAsync(ActivityKind.Connection, ActivitySeverity.Info, $"Saved the settings of {connection.Name}: {settings.Describe()}",
            connection.Id, connection.Name, cancellationToken: cancellationToken);
        SettingsChanged?.Invoke(id);
    }

    public async Task<IReadOnlyList<StoreLocation>> ListLocationsAsync(int id, CancellationToken cancellationToken = default)
    {
        var connection = await FindAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"No store connection {id}.");
        return await ClientFor(connection).ListLocationsAsync(cancellationToken);
    }

    /// <summary>Marks a connection disconnected and removes it with its mirror (its links must be gone already).</summary>
    public async Task RemoveAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.StoreConnections.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The client of the connection's store, speaking the API and using the credentials the connection names
    /// (a client credentials connection keeps no token: an empty <see cref="StoreConnection.ProtectedAccessToken"/>).
    /// </summary>
    public IStoreClient ClientFor(StoreConnection connection) =>
        clientFactory.Create(new StoreEndpoint(connection.Name, new Uri(connection.BaseUrl),
            connection.ProtectedAccessToken.Length == 0 ? "" : Unprotect(connection.ProtectedAccessToken), connection.RequestsPerSecond)
        {
            Api = connection.Api,
            // The app's credentials get tokens: client credentials ask for them, an install with a refresh token refreshes its own.
            App = connection is { ClientId: not null, ProtectedClientSecret: not null }
                  and ({ Credentials: StoreCredentialKind.ClientCredentials } or { Credentials: StoreCredentialKind.AuthorizationCode, ProtectedRefreshToken: not null })
                ? new StoreAppCredentials(connection.ClientId!, Unprotect(connection.ProtectedClientSecret!))
                : null,
            OfflineToken = connection is { Credentials: StoreCredentialKind.AuthorizationCode, ProtectedRefreshToken: { } refresh }
                ? new StoreOfflineToken(Unprotect(connection.ProtectedAccessToken), connection.AccessTokenExpiresAt ?? DateTimeOffset.MinValue, Unprotect(refresh),
                    connection.RefreshTokenExpiresAt)
                : null,
            OfflineTokenRefreshed = connection.Id == 0 ? null : (pair, cancellationToken) => SaveOfflineTokenAsync(connection.Id, pair, cancellationToken),
        });

    /// <summary>Saves an install's refreshed token pair, both at once (the old refresh token is retired once the new one is used).</summary>
    private async Task SaveOfflineTokenAsync(int connectionId, StoreOfflineToken pair, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (access, refresh) = (Protect(pair.AccessToken), Protect(pair.RefreshToken));
        await db.StoreConnections.Where(c => c.Id == connectionId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ProtectedAccessToken, access)
            .SetProperty(c => c.ProtectedRefreshToken, refresh)
            .SetProperty(c => c.AccessTokenExpiresAt, pair.ExpiresAt)
            .SetProperty(c => c.RefreshTokenExpiresAt, pair.RefreshTokenExpiresAt), cancellationToken);
    }

    public string WebhookSecretFor(StoreConnection connection) => Unprotect(connection.ProtectedWebhookSecret);

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>A secret <see cref="Protect"/> encrypted, decrypted to make a request or check a signature (never shown or logged).</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">It was not encrypted with this app's keys.</exception>
    internal string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
