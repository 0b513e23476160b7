using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// Connects a store: checks the address and credentials by asking the store who it is (with an app's
/// client id and secret, the store is first asked for a token through the adapter), saves the
/// connection (secrets encrypted), reads its catalogue and subscribes the webhook topics the
/// engine needs.
/// </summary>
public sealed class StoreConnector(
    IDbContextFactory<SyncDbContext> dbFactory,
    StoreConnectionService connections,
    IStoreOnboarding onboarding,
    ActivityLog activity,
    WebhookAddress webhookAddress,
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
        try
        {
            var client = connections.ClientFor(Draft(request));
            var shop = await client.GetShopAsync(cancellationToken);
            var locations = await client.ListLocationsAsync(cancellationToken);
            // The same refusals as Connect, so a test never says yes to what Connect will refuse.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await RefusalAsync(db, request, shop, cancellationToken) is { } refusal)
            {
                return new ConnectionTestResult(false, refusal, shop, locations);
            }
            return new ConnectionTestResult(true, $"Connected to {shop.Name} ({shop.Domain}).", shop, locations);
        }
        catch (StoreApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            // Our own words: the store's answer is never shown.
            return new ConnectionTestResult(false, request.Credentials switch
            {
                StoreCredentialKind.ClientCredentials =>
                    "The store refused the app's client id or secret. Check them in the app's settings in Shopify's Dev Dashboard, " +
                    "that the app is installed on the store, and that the store belongs to your organisation (for other merchants' stores, use an install link).",
                StoreCredentialKind.AuthorizationCode => "The store refused the token the install gave. Make a new install link and approve it again.",
                _ => "The store refused the access token. Check that it is the Admin API access token (shpat_...) of an installed app.",
            });
        }
        catch (StoreApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return new ConnectionTestResult(false, $"{request.BaseUrl} does not answer as a Shopify store (no Admin API there). Check the address.");
        }
        catch (StoreUnavailableException e) when (e.IsCircuitOpen)
        {
            return new ConnectionTestResult(false, $"{request.BaseUrl} failed several times in a row, so SyncDashboard pauses its calls there for a few seconds. " +
                "Check the address, then test again in a moment.");
        }
        catch (StoreApiException e)
        {
            return new ConnectionTestResult(false, $"The store could not be reached: {Reasons(e)}");
        }
    }

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
        return (connection, test.Message);
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

    /// <summary>An exception's messages, outermost first, without .NET's "see inner exception" pointers (the inner message is there).</summary>
    private static string Reasons(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            var message = System.Text.RegularExpressions.Regex.Replace(current.Message, @"[,.;]?\s*see (the )?inner exception[^.]*\.?", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Trim();
            if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
            {
                messages.Add(message.TrimEnd('.'));
            }
        }
        return string.Join(": ", messages) + ".";
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
            RequestsPerSecond = request.RequestsPerSecond,
            LocationId = request.LocationId,
            CreatedAt = time.GetUtcNow(),
        };
    }
}
