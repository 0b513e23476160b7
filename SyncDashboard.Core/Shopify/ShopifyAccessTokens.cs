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

    /// <summary>
    /// Registers an app on a store; the key goes in the request's marker header (see <see cref="ShopifyAccessTokenHandler"/>).
    /// With <paramref name="offline"/> (an install's expiring token), tokens come from refreshing it and each new pair goes to
    /// <paramref name="refreshed"/> first; a pair this process refreshed already is kept over an older one registered again.
    /// </summary>
    public string Register(Uri baseUrl, StoreAppCredentials app, StoreOfflineToken? offline = null, Func<StoreOfflineToken, CancellationToken, Task>? refreshed = null)
    {
        var key = $"{ShopifyRequestPacers.KeyOf(baseUrl)}|{app.ClientId}";
        var registration = new Registration(baseUrl, app)
        {
            Token = offline?.AccessToken,
            ExpiresAt = offline?.ExpiresAt ?? DateTimeOffset.MinValue,
            RefreshToken = offline?.RefreshToken,
            RefreshTokenExpiresAt = offline?.RefreshTokenExpiresAt,
            Refreshed = refreshed,
        };
        _apps.AddOrUpdate(key, _ => registration, (_, existing) =>
            existing.App == app && (offline is null || existing.RefreshToken is null || existing.ExpiresAt >= registration.ExpiresAt)
                ? existing with { Refreshed = refreshed ?? existing.Refreshed }
                : registration);
        return key;
    }

    /// <summary>A token of the registered app, asking the store for one when there is none or it is about to expire.</summary>
    /// <exception cref="StoreApiException">The store refused the client id or secret (401/400), or answered something else.</exception>
    public async Task<string> GetAsync(string key, CancellationToken cancellationToken)
    {
        var registration = _apps.TryGetValue(key, out var found) ? found : throw new InvalidOperationException($"No app is registered as '{key}'.");
        if (registration.Token is { } token && !registration.IsDue(time.GetUtcNow()))
        {
            return token;
        }
        var gate = _renewing.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            registration = _apps[key];
            if (registration.Token is { } fresh && !registration.IsDue(time.GetUtcNow()))
            {
                return fresh; // another caller renewed it meanwhile
            }
            if (registration.RefreshToken is not null)
            {
                var pair = await RefreshAsync(registration, cancellationToken).ConfigureAwait(false);
                // Saved before use: the store retires the old refresh token once the new one is used.
                if (registration.Refreshed is { } save)
                {
                    await save(pair, cancellationToken).ConfigureAwait(false);
                }
                _apps[key] = registration with
                {
                    Token = pair.AccessToken, IssuedAt = time.GetUtcNow(), ExpiresAt = pair.ExpiresAt,
                    RefreshToken = pair.RefreshToken, RefreshTokenExpiresAt = pair.RefreshTokenExpiresAt,
                };
                return pair.AccessToken;
            }
            var (newToken, expiresAt) = await RequestAsync(registration, cancellationToken).ConfigureAwait(false);
            _apps[key] = registration with { Token = newToken, IssuedAt = time.GetUtcNow(), ExpiresAt = expiresAt };
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

    /// <summary>The next pair of an expiring offline token: <c>grant_type=refresh_token</c> (shopify.dev "Use expiring offline access tokens").</summary>
    private async Task<StoreOfflineToken> RefreshAsync(Registration registration, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requested);
        if (registration.RefreshTokenExpiresAt is { } end && end <= time.GetUtcNow())
        {
            throw new StoreApiException(registration.BaseUrl.Host, HttpStatusCode.Unauthorized,
                "the install's refresh token has expired (90 days unused): make a new install link and have the store's owner approve it again.");
        }
        var now = time.GetUtcNow();
        var grant = await ShopifyTokenEndpoint.PostAsync(httpClientFactory.CreateClient(HttpClientName), registration.BaseUrl,
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = registration.App.ClientId,
                ["client_secret"] = registration.App.ClientSecret,
                ["refresh_token"] = registration.RefreshToken!,
            },
            "refreshing the install's access token",
            "the store refused to refresh the install's token; make a new install link and have the store's owner approve it again",
            cancellationToken).ConfigureAwait(false);
        var pair = grant.Offline(now) ?? new StoreOfflineToken(grant.AccessToken!, now.AddHours(1), registration.RefreshToken!, registration.RefreshTokenExpiresAt);
        LogIssued(registration.BaseUrl.Host, registration.App.ClientId, (pair.ExpiresAt - now).TotalHours);
        return pair;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Got an access token for {Store} (app {ClientId}), valid for {Hours:0.#} h")]
    private partial void LogIssued(string store, string clientId, double hours);

    private sealed record Registration(Uri BaseUrl, StoreAppCredentials App)
    {
        public string? Token { get; init; }
        public DateTimeOffset IssuedAt { get; init; } = DateTimeOffset.MinValue;
        public DateTimeOffset ExpiresAt { get; init; } = DateTimeOffset.MinValue;

        /// <summary>The install's refresh token (authorization code grant with expiring tokens); null for client credentials.</summary>
        public string? RefreshToken { get; init; }

        public DateTimeOffset? RefreshTokenExpiresAt { get; init; }

        public Func<StoreOfflineToken, CancellationToken, Task>? Refreshed { get; init; }

        /// <summary>
        /// Whether the token should be renewed now: less than <see cref="RenewBefore"/> of its life left, or
        /// less than a quarter of it for short-lived tokens (so a 3-minute token is not renewed at every call).
        /// </summary>
        public bool IsDue(DateTimeOffset now)
        {
            var life = IssuedAt == DateTimeOffset.MinValue ? TimeSpan.MaxValue : ExpiresAt - IssuedAt;
            var margin = life == TimeSpan.MaxValue ? RenewBefore : TimeSpan.FromTicks(Math.Min(RenewBefore.Ticks, life.Ticks / 4));
            return ExpiresAt - now <= margin;
        }
    }
}
