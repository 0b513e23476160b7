using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// Connects stores of other merchants by an install link (the store's authorization code grant, through
/// the adapter's <see cref="IStoreAppInstalls"/>): makes the link and remembers it as a
/// <see cref="PendingStoreInstall"/>, then answers the store's callback. The callback is trusted only when
/// its state names a link this dashboard made that is unexpired and unused, its signature is the app's
/// client secret's, and the shop it names is the store the link was made for; only then is the link used
/// up, the one-time code exchanged (at the link's store address, never one the callback names) and the
/// store connected as <see cref="StoreConnector"/> connects any store (test, save, catalogue read, webhooks;
/// the install's shop checked against the one the store reports). A refused callback changes nothing.
/// No link is made for an address on a private or local network (<see cref="StoreAddressPolicy"/>).
/// </summary>
public sealed partial class StoreInstaller(
    IDbContextFactory<SyncDbContext> dbFactory,
    StoreConnectionService connections,
    StoreConnector connector,
    IStoreAppInstalls installs,
    ActivityLog activity,
    WebhookAddress dashboardAddress,
    StoreAddressPolicy addresses,
    IOptionsMonitor<StoreAddressOptions> addressOptions,
    TimeProvider time,
    Users.DashboardActors actors,
    ILogger<StoreInstaller> logger) : IStoreInstaller
{
    /// <summary>Where stores send the owner's browser back after an install (<c>redirect_uri</c>), under the dashboard's address.</summary>
    public const string CallbackPath = "/oauth/shopify/callback";

    /// <summary>How long an install link works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);

    /// <summary>How long a used or expired link is kept (its outcome shown) before it is deleted.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(7);

    public IReadOnlyList<string> Scopes => installs.Scopes;

    public async Task<InstallLinkResult> CreateLinkAsync(NewStoreInstall request, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("connect stores");
        ArgumentNullException.ThrowIfNull(request);
        var problems = request.Validate();
        if (problems.Count > 0)
        {
            return new InstallLinkResult(false, string.Join(" ", problems.Select(p => p.Message)));
        }
        var store = new Uri(request.BaseUrl.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await RefusalAsync(db, request, store, cancellationToken) is { } refusal)
        {
            return new InstallLinkResult(false, refusal);
        }
        if (await AddressProblemAsync(store, cancellationToken) is { } problem)
        {
            return new InstallLinkResult(false, problem);
        }
        if (dashboardAddress.BaseUrl() is not { } dashboard)
        {
            return new InstallLinkResult(false, "The dashboard does not know its own address yet, so the store could not send the owner back. " +
                "Set SyncDashboard:PublicBaseUrl to the address stores reach it at.");
        }
        var now = time.GetUtcNow();
        var pending = new PendingStoreInstall
        {
            State = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Name = request.Name.Trim(),
            Role = request.Role,
            BaseUrl = request.BaseUrl.Trim().TrimEnd('/'),
            Api = request.Api,
            ClientId = request.ClientId.Trim(),
            ProtectedClientSecret = connections.Protect(request.ClientSecret.Trim()),
            CreatedAt = now,
            ExpiresAt = now + LinkLifetime,
        };
        db.PendingStoreInstalls.Add(pending);
        await db.SaveChangesAsync(cancellationToken);
        var forgotten = now - KeepFor;
        await db.PendingStoreInstalls.Where(p => p.CreatedAt < forgotten).ExecuteDeleteAsync(cancellationToken);

        var link = installs.InstallLink(store, pending.ClientId, new Uri(dashboard, CallbackPath), pending.State);
        LogLinkMade(pending.Id, pending.Name, store.Host);
        return new InstallLinkResult(true,
            $"Send this link to the owner of {store.Host}. Opening it asks them to install the app with the permissions listed; " +
            $"once they approve, {pending.Name} is connected here. It works once, until {pending.ExpiresAt.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC.",
            link, pending.ExpiresAt);
    }

    public async Task<StoreInstallOutcome?> OutcomeAsync(int installId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var install = await db.PendingStoreInstalls.AsNoTracking().FirstOrDefaultAsync(p => p.Id == installId, cancellationToken);
        return install is { Succeeded: { } succeeded, Outcome: { } outcome } ? new StoreInstallOutcome(succeeded, outcome) : null;
    }

    /// <summary>
    /// Answers the store's install callback (<see cref="CallbackPath"/>): refused when untrusted (nothing
    /// changed), else the link is used up and the store connected, or the reason it could not be.
    /// </summary>
    /// <param name="query">The callback's query parameters, decoded, in the order they came.</param>
    public async Task<StoreInstallResult> CompleteAsync(IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (installs.ReadCallback(query) is not { } callback)
        {
            return Refuse("This address only takes stores sending their owner back after an install, and this request is not one.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.PendingStoreInstalls.AsNoTracking().FirstOrDefaultAsync(p => p.State == callback.State, cancellationToken);
        if (pending is null)
        {
            return Refuse("This install was not started from this dashboard's install link (its state is unknown), so nothing was connected. " +
                "Make a new install link on the Stores page.");
        }
        if (pending.UsedAt is not null)
        {
            return Refuse(UsedMessage);
        }
        if (pending.ExpiresAt <= time.GetUtcNow())
        {
            return Refuse("This install link has expired, so nothing was connected. Make a new install link on the Stores page.");
        }
        var secret = connections.Unprotect(pending.ProtectedClientSecret);
        if (!installs.Verify(secret, query))
        {
            return Refuse("The install's signature does not match the app's client secret, so it was not trusted and nothing was connected. " +
                "If the owner did approve, check the client secret and make a new install link.");
        }
        if (!installs.IsShopName(callback.Shop))
        {
            return Refuse("The install names no valid shop, so it was not trusted and nothing was connected.");
        }
        if (installs.ShopNameOf(new Uri(pending.BaseUrl)) is { } expected && !string.Equals(expected, callback.Shop, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse($"The install was approved on {callback.Shop}, but the link was made for {expected}, so nothing was connected.");
        }

        // Trusted: used up now, before anything is asked of the store, so a second delivery of the callback is refused.
        var now = time.GetUtcNow();
        if (await db.PendingStoreInstalls.Where(p => p.Id == pending.Id && p.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.UsedAt, now), cancellationToken) == 0)
        {
            return Refuse(UsedMessage);
        }

        StoreInstallGrant grant;
        try
        {
            grant = await installs.ExchangeCodeAsync(new Uri(pending.BaseUrl), new StoreAppCredentials(pending.ClientId, secret), callback.Code, cancellationToken);
        }
        catch (StoreApiException e)
        {
            return await EndAsync(db, pending, null, e.StatusCode == HttpStatusCode.Unauthorized
                ? "The store refused to give a token for the install: check the app's client id and secret, then make a new install link."
                : $"The store could not complete the install ({e.Message.TrimEnd('.')}). Make a new install link and try again.", cancellationToken);
        }
        if (grant.Scopes.Count > 0 && installs.MissingScopes(grant.Scopes) is { Count: > 0 } missing)
        {
            return await EndAsync(db, pending, null, $"The store granted the app too little: it lacks {string.Join(", ", missing)}. " +
                "Add them to the app's access scopes, then make a new install link.", cancellationToken);
        }
        var request = new NewStoreConnection(pending.Name, pending.Role, pending.BaseUrl, grant.AccessToken, secret, Api: pending.Api,
            Credentials: StoreCredentialKind.AuthorizationCode, ClientId: pending.ClientId, ClientSecret: secret) { Offline = grant.Offline };
        try
        {
            var (connection, message) = await connector.ConnectAsync(request, dashboardAddress.BaseUrl(), callback.Shop, cancellationToken);
            return connection is null
                ? await EndAsync(db, pending, null, message, cancellationToken)
                : await EndAsync(db, pending, connection,
                    $"Connected {connection.Name} ({connection.ShopDomain}): its owner approved the install, its catalogue was read and its webhooks subscribed.",
                    cancellationToken);
        }
        catch (StoreApiException e)
        {
            return await EndAsync(db, pending, null, $"The store could not be read after the install: {e.Message}", cancellationToken);
        }
    }

    /// <summary>
    /// Why no link should be made for the store's address: it is (or its name resolves only to) an address on
    /// a private or local network (<see cref="StoreAddressPolicy"/>), or its name cannot be resolved within
    /// <see cref="StoreAddressOptions.ConnectionTestTimeout"/>. Null when the address may be used.
    /// </summary>
    private async Task<string?> AddressProblemAsync(Uri store, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(addressOptions.CurrentValue.ConnectionTestTimeout, time);
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await addresses.ResolveAsync(store.IdnHost, store.Port, limited.Token);
            return null;
        }
        catch (StoreAddressRefusedException e)
        {
            return e.Reason;
        }
        catch (Exception e) when (e is SocketException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"{store.IdnHost} could not be found. Check the store's address.";
        }
    }

    private const string UsedMessage = "This install link was used already, so nothing more was connected. Make a new install link on the Stores page if needed.";

    private StoreInstallResult Refuse(string message)
    {
        LogRefused(message);
        return new StoreInstallResult(StoreInstallStatus.Refused, message);
    }

    /// <summary>Records how a trusted install ended (on the link, and in the Activity Log when it failed).</summary>
    private async Task<StoreInstallResult> EndAsync(SyncDbContext db, PendingStoreInstall pending, StoreConnection? connection, string message,
        CancellationToken cancellationToken)
    {
        var succeeded = connection is not null;
        await db.PendingStoreInstalls.Where(p => p.Id == pending.Id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Succeeded, succeeded)
            .SetProperty(p => p.Outcome, message)
            .SetProperty(p => p.ConnectionId, connection == null ? null : connection.Id), cancellationToken);
        if (!succeeded)
        {
            // A success is in the Activity Log already: the connector recorded the connection.
            await activity.RecordAsync(ActivityKind.Connection, ActivitySeverity.Warning,
                $"The install link for {pending.Name} ({new Uri(pending.BaseUrl).Host}) was approved, but the store was not connected: {message}",
                storeName: pending.Name, cancellationToken: cancellationToken);
        }
        return new StoreInstallResult(succeeded ? StoreInstallStatus.Connected : StoreInstallStatus.Failed, message, pending.Id);
    }

    /// <summary>Why no link should be made: the name is taken, the store is connected already, or a second Destination. Null when one may be.</summary>
    private async Task<string?> RefusalAsync(SyncDbContext db, NewStoreInstall request, Uri store, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim().ToLower(CultureInfo.InvariantCulture);
        if (await db.StoreConnections.AnyAsync(c => c.Name.ToLower() == name && c.Status != ConnectionStatus.Disconnected, cancellationToken))
        {
            return $"A store named \"{request.Name.Trim()}\" is already connected.";
        }
        var address = StoreAddress.Normalize(request.BaseUrl);
        var shop = installs.ShopNameOf(store);
        var existing = (await db.StoreConnections.AsNoTracking().Where(c => c.Status != ConnectionStatus.Disconnected).ToListAsync(cancellationToken))
            .FirstOrDefault(c => StoreAddress.Normalize(c.BaseUrl) == address || (shop is not null && string.Equals(c.ShopDomain, shop, StringComparison.OrdinalIgnoreCase)));
        if (existing is not null)
        {
            return $"{store.Host} is already connected as {existing.Role} \"{existing.Name}\": each shop can be connected once.";
        }
        if (request.Role == StoreRole.Destination &&
            await db.StoreConnections.AnyAsync(c => c.Role == StoreRole.Destination && c.Status != ConnectionStatus.Disconnected, cancellationToken))
        {
            return "A Destination store is already connected; only one can be.";
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made install link {InstallId} for {Name} ({Store})")]
    private partial void LogLinkMade(int installId, string name, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an install callback: {Reason}")]
    private partial void LogRefused(string reason);
}
