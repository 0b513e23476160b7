using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// Access tokens of apps that authenticate with their client id and secret (client credentials
/// grant, shopify.dev "Using the client credentials grant"): <c>POST {store}/admin/oauth/access_token</c>
/// with <c>grant_type=client_credentials</c> answers <c>{"access_token", "scope", "expires_in"}</c>
/// (86,399 seconds). A token is kept in memory only, renewed when less than
/// <see cref="RenewBefore"/> of its life is left, and dropped after a 401 so that the next call asks
/// for a new one. Tokens and secrets are never logged.
/// </summary>
public sealed partial class ShopifyAccessTokens(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<ShopifyAccessTokens> logger)
{
    /// <summary>The named HttpClient that asks for tokens (outside the API pipeline: its own limits, no pacing).</summary>
    public const string HttpClientName = "shopify-oauth";

    /// <summary>A token is renewed once less than this is left of its life.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Registration> _apps = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _renewing = new();

    /// <summary>Tokens asked for so far (for tests and diagnostics).</summary>
    public long Requested => Interlocked.Read(ref _requested);

    private long _requested;

    /// <summary>Registers an app on a store; the key goes in the request's marker header (see <see cref="ShopifyAccessTokenHandler"/>).</summary>
    public string Register(Uri baseUrl, StoreAppCredentials app)
    {
        var key = $"{ShopifyRequestPacers.KeyOf(baseUrl)}|{app.ClientId}";
        _apps.AddOrUpdate(key, _ => new Registration(baseUrl, app), (_, existing) =>
            existing.App == app ? existing : new Registration(baseUrl, app));
        return key;
    }

    /// <summary>A token of the registered app, asking the store for one when there is none or it is about to expire.</summary>
    /// <exception cref="StoreApiException">The store refused the client id or secret (401/400), or answered something else.</exception>
    public async Task<string> GetAsync(string key, CancellationToken cancellationToken)
    {
        var registration = _apps.TryGetValue(key, out var found) ? found : throw new InvalidOperationException($"No app is registered as '{key}'.");
        if (registration.Token is { } token && registration.ExpiresAt - time.GetUtcNow() > RenewBefore)
        {
            return token;
        }
        var gate = _renewing.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            registration = _apps[key];
            if (registration.Token is { } fresh && registration.ExpiresAt - time.GetUtcNow() > RenewBefore)
            {
                return fresh; // another caller renewed it meanwhile
            }
            var (newToken, expiresAt) = await RequestAsync(registration, cancellationToken).ConfigureAwait(false);
            _apps[key] = registration with { Token = newToken, ExpiresAt = expiresAt };
            return newToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> (the store answered 401 with it): the next call asks for a new one.</summary>
    public void Invalidate(string key, string token)
    {
        if (_apps.TryGetValue(key, out var registration) && registration.Token == token)
        {
            _apps[key] = registration with { Token = null, ExpiresAt = DateTimeOffset.MinValue };
        }
    }

    private async Task<(string Token, DateTimeOffset ExpiresAt)> RequestAsync(Registration registration, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requested);
        var grant = await ShopifyTokenEndpoint.PostAsync(httpClientFactory.CreateClient(HttpClientName), registration.BaseUrl,
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = registration.App.ClientId,
                ["client_secret"] = registration.App.ClientSecret,
            },
            "asking for an access token",
            "the store refused the app's client id or secret; check them in Shopify's Dev Dashboard, and that the app is installed on the store",
            cancellationToken).ConfigureAwait(false);
        var lifetime = grant.ExpiresIn is > 0 ? TimeSpan.FromSeconds(grant.ExpiresIn.Value) : TimeSpan.FromDays(3650);
        LogIssued(registration.BaseUrl.Host, registration.App.ClientId, lifetime.TotalHours);
        return (grant.AccessToken!, time.GetUtcNow() + lifetime);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Got an access token for {Store} (app {ClientId}), valid for {Hours:0.#} h")]
    private partial void LogIssued(string store, string clientId, double hours);

    private sealed record Registration(Uri BaseUrl, StoreAppCredentials App)
    {
        public string? Token { get; init; }
        public DateTimeOffset ExpiresAt { get; init; } = DateTimeOffset.MinValue;
    }
}
