using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// Connects a store: checks the address and credentials by asking the store who it is (with an app's
/// client id and secret, the store is first asked for a token through the adapter), saves the
/// connection (secrets encrypted), reads its catalogue and subscribes the webhook topics the
/// engine needs.
/// <para>
/// A connection test must not make the dashboard a port scanner of its own network, so it answers
/// only in the dashboard's own words (never with what the address answered, nor an exception's text),
/// within <see cref="StoreAddressOptions.ConnectionTestTimeout"/> in all (5 s by default), and refuses
/// an address on a private or local network before sending anything (<see cref="StoreAddressPolicy"/>,
/// unless <c>Stores:AllowPrivateAddresses</c>). It first opens a bare TCP connection, so that a closed
/// port fails at once rather than after the store client's retries.
/// </para>
/// </summary>
public sealed class StoreConnector(
    IDbContextFactory<SyncDbContext> dbFactory,
    StoreConnectionService connections,
    IStoreOnboarding onboarding,
    ActivityLog activity,
    WebhookAddress webhookAddress,
    StoreAddressPolicy addresses,
    IOptionsMonitor<StoreAddressOptions> addressOptions,
    TimeProvider time,
    Users.DashboardActors actors) : IStoreConnector
{
    public async Task<ConnectionTestResult> TestAsync(NewStoreConnection request, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("test store connections");
        ArgumentNullException.ThrowIfNull(request);
        var problems = request.Validate();
        if (problems.Count > 0)
        {
            return new ConnectionTestResult(false, string.Join(" ", problems.Select(p => p.Message)));
        }
        await using (var names = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // A taken name is said at once, before the store is even asked.
            if (await NameTakenAsync(names, request, cancellationToken) is { } taken)
            {
                return new ConnectionTestResult(false, taken);
            }
        }
        var store = new Uri(request.BaseUrl.Trim());
        var origin = store.GetLeftPart(UriPartial.Authority);
        var limit = addressOptions.CurrentValue.ConnectionTestTimeout;
        using var timeout = new CancellationTokenSource(limit, time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        StoreShop shop;
        IReadOnlyList<StoreLocation> locations;
        using var retried = RetriedFailures.Watch();
        try
        {
            if (await UnreachableAsync(store, budget.Token) is { } unreachable)
            {
                return new ConnectionTestResult(false, unreachable);
            }
            var client = connections.ClientFor(Draft(request));
            shop = await client.GetShopAsync(budget.Token);
            locations = await client.ListLocationsAsync(budget.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ConnectionTestResult(false, retried.LastStatus is { } status
                ? $"{origin} answered with an error (HTTP {status}) at each of {retried.Count + 1} tries within {limit.TotalSeconds:0.#} seconds. " +
                  (status >= 500 ? "If it is a Shopify store, test again in a moment; otherwise check the address." : "Check the address, then test again.")
                : $"{origin} gave no answer within {limit.TotalSeconds:0.#} seconds. Check the address, then test again.");
        }
        catch (StoreAddressRefusedException e)
        {
            return new ConnectionTestResult(false, e.Reason);
        }
        catch (StoreApiException e)
        {
            return new ConnectionTestResult(false, Refused(request, origin, e));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // An answer the store client could not make sense of: whatever answered is not a Shopify store.
            return new ConnectionTestResult(false, NotAStore(request));
        }
        // The same refusals as Connect, so a test never says yes to what Connect will refuse.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await RefusalAsync(db, request, shop, cancellationToken) is { } refusal)
        {
            return new ConnectionTestResult(false, refusal, shop, locations);
        }
        // Nothing is connected by a test: it says what was reached and that the credentials work.
        return new ConnectionTestResult(true, $"Reached {shop.Name} ({shop.Domain}): its credentials were accepted. Connect it to start.", shop, locations);
    }

    /// <summary>
    /// Opens and closes a TCP connection to the store's address (judged by <see cref="StoreAddressPolicy"/>
    /// first), within <see cref="StoreAddressOptions.ConnectTimeout"/>: why nothing can be asked there, in
    /// our words, or null when something accepts connections.
    /// </summary>
    /// <exception cref="StoreAddressRefusedException">The address is on a private or local network.</exception>
    private async Task<string?> UnreachableAsync(Uri store, CancellationToken cancellationToken)
    {
        var origin = store.GetLeftPart(UriPartial.Authority);
        var connectTimeout = addressOptions.CurrentValue.ConnectTimeout;
        using var timeout = new CancellationTokenSource(connectTimeout, time);
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var socket = await addresses.OpenAsync(store.IdnHost, store.Port, connect.Token);
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return $"The store could not be reached: {origin} did not accept a connection within {connectTimeout.TotalSeconds:0.#} seconds. Check the address.";
        }
        catch (SocketException e)
        {
            return "The store could not be reached: " + e.SocketErrorCode switch
            {
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"{store.IdnHost} could not be found. Check the address.",
                SocketError.ConnectionRefused => $"nothing accepts connections at {origin}. Check the address and its port.",
                SocketError.TimedOut => $"{origin} did not accept a connection in time. Check the address.",
                _ => $"the network could not reach {origin}. Check the address.",
            };
        }
    }

    /// <summary>Why the store's answer (an error) means it cannot be connected, in our words: never the store's own.</summary>
    private static string Refused(NewStoreConnection request, string origin, StoreApiException e) => e switch
    {
        { StatusCode: HttpStatusCode.Unauthorized } => request.Credentials switch
        {
            StoreCredentialKind.ClientCredentials =>
                "The store refused the app's client id or secret. Check them in the app's settings in Shopify's Dev Dashboard, " +
                "that the app is installed on the store, and that the store belongs to your organisation (for other merchants' stores, use an install link).",
            StoreCredentialKind.AuthorizationCode => "The store refused the token the install gave. Make a new install link and approve it again.",
            _ => "The store refused the access token. Check that it is the Admin API access token (shpat_...) of an installed app.",
        },
        StoreUnavailableException { IsCircuitOpen: true } =>
            $"{request.BaseUrl} failed several times in a row, so SyncDashboard pauses its calls there for a few seconds. Check the address, then test again in a moment.",
        StoreUnavailableException unavailable => "The store could not be reached: " + (unavailable.InnerException switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
                $"no secure (https) connection could be made with {origin}. Check whether the address starts with https:// or http://.",
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => $"{new Uri(origin).IdnHost} could not be found. Check the address.",
            HttpRequestException => $"the connection to {origin} failed. Check the address, then test again.",
            _ => $"{origin} gave no answer in time. Check the address, then test again.",
        }),
        { StatusCode: HttpStatusCode.NotFound or HttpStatusCode.OK } => NotAStore(request),
        { StatusCode: HttpStatusCode.Forbidden } => $"{origin} refused the app access (HTTP 403). Check that the app has the access scopes SyncDashboard needs.",
        { StatusCode: HttpStatusCode.TooManyRequests } => $"{origin} is busy (HTTP 429, too many requests). Test again in a moment.",
        { StatusCode: var status } when (int)status >= 500 =>
            $"{origin} answered with a server error (HTTP {(int)status}). If it is a Shopify store, test again in a moment; otherwise check the address.",
        { StatusCode: var status } => $"{origin} refused the request (HTTP {(int)status}) where a Shopify store would have answered. Check the address.",
    };

    private static string NotAStore(NewStoreConnection request) =>
        $"{request.BaseUrl} does not answer as a Shopify store (no Admin API there). Check the address.";

    /// <summary>Tests, saves, reads and subscribes webhooks to this app's own address; the new connection, or the reason it was refused.</summary>
    public Task<(StoreConnection? Connection, string Message)> ConnectAsync(NewStoreConnection request, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("connect stores");
        return ConnectAsync(request, webhookAddress.BaseUrl(), cancellationToken);
    }

    /// <summary>Tests, saves, reads and subscribes webhooks to <paramref name="publicBaseUrl"/>; the new connection, or the reason it was refused.</summary>
    public Task<(StoreConnection? Connection, string Message)> ConnectAsync(NewStoreConnection request, Uri? publicBaseUrl,
        CancellationToken cancellationToken = default) =>
        ConnectAsync(request, publicBaseUrl, approvedShop: null, cancellationToken);

    /// <summary>
    /// As <see cref="ConnectAsync(NewStoreConnection, Uri?, CancellationToken)"/>, for a store whose owner
    /// approved an install on <paramref name="approvedShop"/>: the store must say it is that shop, or
    /// nothing is saved.
    /// </summary>
    public async Task<(StoreConnection? Connection, string Message)> ConnectAsync(NewStoreConnection request, Uri? publicBaseUrl, string? approvedShop,
        CancellationToken cancellationToken = default)
    {
        var test = await TestAsync(request, cancellationToken);
        if (!test.Succeeded)
        {
            return (null, test.Message);
        }
        if (approvedShop is not null && !string.Equals(test.Shop!.Domain, approvedShop, StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"The install was approved on {approvedShop}, but the store at {request.BaseUrl} is {test.Shop.Domain}: nothing was connected.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await RefusalAsync(db, request, test.Shop!, cancellationToken) is { } refusal)
        {
            return (null, refusal); // checked again: another connection may have been saved since the test
        }
        var connection = Draft(request);
        connection.ShopDomain = test.Shop!.Domain;
        // A Destination writes linked stock at one location (its primary one unless chosen); a Source
        // counts all its locations unless one is chosen.
        connection.LocationId = request.Role == StoreRole.Destination
            ? request.LocationId ?? test.Shop.PrimaryLocationId ?? test.Locations!.FirstOrDefault(l => l.Active)?.Id
            : request.LocationId;
        if (request.LocationId is { } location && test.Locations!.All(l => l.Id != location))
        {
            return (null, $"The store has no location {location}.");
        }
        db.StoreConnections.Add(connection);
        await db.SaveChangesAsync(cancellationToken);
        await onboarding.OnboardAsync(connection, publicBaseUrl, cancellationToken);
        await activity.RecordAsync(ActivityKind.Connection, ActivitySeverity.Success,
            $"Connected {connection.Role} store {connection.Name} ({connection.ShopDomain}) {How(connection.Credentials)}.", connection.Id, connection.Name,
            cancellationToken: cancellationToken);
        return (connection, $"Connected to {test.Shop.Name} ({test.Shop.Domain}).");
    }

    /// <summary>Why the name cannot be used: another connected store has it. "urban threads" and "Urban Threads" are one name to a merchant (SQLite's lower() folds ASCII letters).</summary>
    private static async Task<string?> NameTakenAsync(SyncDbContext db, NewStoreConnection request, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim().ToLower(CultureInfo.InvariantCulture);
        return await db.StoreConnections.AnyAsync(c => c.Name.ToLower() == name && c.Status != ConnectionStatus.Disconnected, cancellationToken)
            ? $"A store named \"{request.Name.Trim()}\" is already connected."
            : null;
    }

    /// <summary>Why a store that answered cannot be connected: its name is taken, the shop is connected already, or a second Destination. Null when it can.</summary>
    private static async Task<string?> RefusalAsync(SyncDbContext db, NewStoreConnection request, StoreShop shop, CancellationToken cancellationToken)
    {
        if (await NameTakenAsync(db, request, cancellationToken) is { } taken)
        {
            return taken;
        }
        if (await AlreadyConnectedAsync(db, request, shop, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        if (request.Role == StoreRole.Destination &&
            await db.StoreConnections.AnyAsync(c => c.Role == StoreRole.Destination && c.Status != ConnectionStatus.Disconnected, cancellationToken))
        {
            return "A Destination store is already connected; only one can be.";
        }
        return null;
    }

    /// <summary>
    /// The same shop must not be connected twice (two copies of every product would follow), nor the
    /// Destination as one of its own Sources: the shop is known by the domain it reports, and by its
    /// address. Null when the store may be connected.
    /// </summary>
    private static async Task<string?> AlreadyConnectedAsync(SyncDbContext db, NewStoreConnection request, StoreShop shop, CancellationToken cancellationToken)
    {
        var address = NormalizeAddress(request.BaseUrl);
        var existing = (await db.StoreConnections.AsNoTracking().Where(c => c.Status != ConnectionStatus.Disconnected).ToListAsync(cancellationToken))
            .FirstOrDefault(c => string.Equals(c.ShopDomain, shop.Domain, StringComparison.OrdinalIgnoreCase) || NormalizeAddress(c.BaseUrl) == address);
        if (existing is null)
        {
            return null;
        }
        return existing.Role == StoreRole.Destination && request.Role == StoreRole.Source
            ? $"{shop.Domain} is the Destination store: a store cannot be a Source of itself."
            : $"{shop.Domain} is already connected as {existing.Role} \"{existing.Name}\": each shop can be connected once.";
    }

    private static string NormalizeAddress(string baseUrl) => StoreAddress.Normalize(baseUrl);

    private static string How(StoreCredentialKind credentials) => credentials switch
    {
        StoreCredentialKind.ClientCredentials => "with the app's client id and secret",
        StoreCredentialKind.AuthorizationCode => "through an install link its owner approved",
        _ => "with an access token",
    };

    /// <summary>
    /// The connection to test and save: secrets encrypted; with app credentials the client secret is kept
    /// (it gets the tokens and signs the webhooks) and no legacy token is (client credentials tokens live in memory).
    /// </summary>
    private StoreConnection Draft(NewStoreConnection request)
    {
        var app = request.Credentials != StoreCredentialKind.AccessToken;
        var token = request.Credentials == StoreCredentialKind.ClientCredentials ? "" : request.AccessToken.Trim();
        return new StoreConnection
        {
            Name = request.Name.Trim(),
            Role = request.Role,
            BaseUrl = request.BaseUrl.Trim().TrimEnd('/'),
            ProtectedAccessToken = token.Length == 0 ? "" : connections.Protect(token),
            ProtectedWebhookSecret = connections.Protect(request.EffectiveWebhookSecret.Trim()),
            Api = request.Api,
            Credentials = request.Credentials,
            ClientId = app ? request.ClientId!.Trim() : null,
            ProtectedClientSecret = app ? connections.Protect(request.ClientSecret!.Trim()) : null,
            ProtectedRefreshToken = request.Offline is { } offline ? connections.Protect(offline.RefreshToken) : null,
            AccessTokenExpiresAt = request.Offline?.ExpiresAt,
            RefreshTokenExpiresAt = request.Offline?.RefreshTokenExpiresAt,
            RequestsPerSecond = request.RequestsPerSecond,
            LocationId = request.LocationId,
            CreatedAt = time.GetUtcNow(),
        };
    }
}
