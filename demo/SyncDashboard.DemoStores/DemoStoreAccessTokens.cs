using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.DemoStores.Persistence;

namespace SyncDashboard.DemoStores;

/// <summary>
/// The credentials one demo store accepts and hands out: the legacy <see cref="DemoStoreOptions.AccessToken"/>,
/// and the access tokens, refresh tokens and authorization codes issued through OAuth to the app of
/// <see cref="DemoStoreOptions.ClientId"/>. Every issued credential is 32 random hex digits (128 bits,
/// from <see cref="RandomNumberGenerator"/>) behind a prefix; only its SHA-256 is kept, in memory and in
/// the store's SQLite file (table <c>oauth_tokens</c>), with its expiry, so that it survives a restart.
/// Expiry is read from the store's <see cref="TimeProvider"/>, which tests can advance.
/// <list type="bullet">
/// <item>Client credentials (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant):
/// a <c>shpat_</c> token with the app's scopes, accepted for <see cref="DemoStoreOptions.AccessTokenLifetime"/>
/// (24 hours, <c>expires_in</c> 86399). Earlier ones stay valid until they expire.</item>
/// <item>Authorization codes (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant):
/// 32 hex digits, exchangeable once, for <see cref="AuthorizationCodeLifetime"/>.</item>
/// <item>Offline tokens from a code: a <c>shpat_</c> token that never expires (the response has no <c>expires_in</c>),
/// or, when the exchange asks <c>expiring=1</c>, an expiring offline token
/// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens and the
/// changelog "Offline access tokens now support expiry and refresh"): accepted for one hour (<c>expires_in</c> 3600)
/// with a <c>shprt_</c> refresh token accepted for 90 days (<c>refresh_token_expires_in</c> 7776000). Only one
/// expiring offline token is active per app and store: issuing one (by a code or a refresh) revokes the
/// earlier expiring access and refresh tokens, so a refresh token works once.</item>
/// <item>Online tokens (<c>grant_options[]=per-user</c>, https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/online-access-tokens):
/// a <c>shpua_</c> token accepted for <see cref="DemoStoreOptions.AccessTokenLifetime"/>.</item>
/// </list>
/// Thread-safe.
/// </summary>
internal sealed class DemoStoreAccessTokens
{
    public const string AccessTokenKind = "access_token";
    public const string RefreshTokenKind = "refresh_token";
    public const string AuthorizationCodeKind = "authorization_code";

    public const string ClientCredentialsMode = "client_credentials";
    public const string OfflineMode = "offline";
    public const string ExpiringOfflineMode = "expiring_offline";
    public const string OnlineMode = "online";

    /// <summary>
    /// How long an authorization code can be exchanged. Shopify documents codes as single-use but not
    /// their lifetime; this is the maximum RFC 6749 §4.1.2 recommends.
    /// </summary>
    public static readonly TimeSpan AuthorizationCodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>An expiring offline access token's lifetime: 60 minutes (<c>expires_in</c> 3600).</summary>
    public static readonly TimeSpan ExpiringOfflineLifetime = TimeSpan.FromHours(1);

    /// <summary>A refresh token's lifetime: 90 days (<c>refresh_token_expires_in</c> 7776000).</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(90);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DemoOAuthTokenRow> _byHash = new(StringComparer.Ordinal);
    private readonly DemoStoreOptions _options;
    private readonly DbContextOptions<DemoStoreDbContext> _db;
    private readonly TimeProvider _time;
    private readonly byte[]? _legacyToken;

    public DemoStoreAccessTokens(DemoStoreOptions options, DbContextOptions<DemoStoreDbContext> db, TimeProvider time)
    {
        _options = options;
        _db = db;
        _time = time;
        _legacyToken = string.IsNullOrEmpty(options.AccessToken) ? null : Encoding.UTF8.GetBytes(options.AccessToken);
        using var context = new DemoStoreDbContext(db);
        foreach (var row in context.OAuthTokens.AsNoTracking().Where(t => t.Store == options.Name))
        {
            _byHash[row.Hash] = row;
        }
    }

    /// <summary>Issued access tokens (client credentials and installs) the store would take now.</summary>
    public int ActiveAccessTokens
    {
        get
        {
            var now = _time.GetUtcNow();
            lock (_gate)
            {
                return _byHash.Values.Count(row => row.Kind == AccessTokenKind && !Expired(row, now));
            }
        }
    }

    /// <summary>
    /// Revokes every issued token (as uninstalling the app, or rotating its secret, does); the legacy
    /// token stays. Tests use it to show that a client asks for a new token after a 401.
    /// </summary>
    public void RevokeAll()
    {
        lock (_gate)
        {
            _byHash.Clear();
            using var context = new DemoStoreDbContext(_db);
            context.OAuthTokens.Where(t => t.Store == _options.Name).ExecuteDelete();
        }
    }

    /// <summary>Whether <paramref name="token"/> was issued to the app (client credentials or install), not the legacy token.</summary>
    public bool IsIssued(string token)
    {
        lock (_gate)
        {
            return token.Length > 0 && _byHash.ContainsKey(Hash(token));
        }
    }

    /// <summary>The app's scopes (<see cref="DemoStoreOptions.AccessScopes"/>), in configured order.</summary>
    public IReadOnlyList<string> AppScopes => ParseScopes(_options.AccessScopes);

    /// <summary>
    /// Whether the API takes <paramref name="token"/> (an <c>X-Shopify-Access-Token</c> value): the
    /// legacy token, or an issued access token not yet expired. Refresh tokens and codes are not access tokens.
    /// </summary>
    public bool Accepts(string token)
    {
        if (token.Length == 0)
        {
            return false;
        }
        if (_legacyToken is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _legacyToken))
        {
            return true;
        }
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _byHash.TryGetValue(Hash(token), out var row) && row.Kind == AccessTokenKind && !Expired(row, now);
        }
    }

    /// <summary>A client-credentials token with the app's scopes; <c>expires_in</c> as <see cref="ExpiresIn"/> of the lifetime.</summary>
    public DemoStoreTokenGrant IssueClientCredentialsToken()
    {
        var scope = string.Join(',', AppScopes);
        var lifetime = _options.AccessTokenLifetime;
        var token = NewCredential("shpat_");
        Save(added: [Row(token, AccessTokenKind, ClientCredentialsMode, scope, lifetime)]);
        return new DemoStoreTokenGrant(token, scope, ExpiresIn(lifetime));
    }

    /// <summary>A single-use authorization code for the approved <paramref name="scope"/>, sent to <paramref name="redirectUri"/>.</summary>
    public string IssueAuthorizationCode(string scope, bool online, string redirectUri)
    {
        var code = NewCredential("");
        var row = Row(code, AuthorizationCodeKind, online ? OnlineMode : OfflineMode, scope, AuthorizationCodeLifetime);
        row.RedirectUri = redirectUri;
        Save(added: [row]);
        return code;
    }

    /// <summary>
    /// Exchanges an authorization code, which is then spent. Its access mode decides the token: online,
    /// or offline (expiring with a refresh token when <paramref name="expiring"/>, else non-expiring).
    /// </summary>
    /// <exception cref="DemoStoreOAuthException">400 <c>invalid_request</c> "The authorization code was not found or was already used" (Shopify's words), also for an expired code.</exception>
    public DemoStoreTokenGrant ExchangeAuthorizationCode(string code, bool expiring)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_byHash.TryGetValue(Hash(code), out var row) || row.Kind != AuthorizationCodeKind || Expired(row, now))
            {
                throw DemoStoreOAuthException.InvalidRequest("The authorization code was not found or was already used");
            }
            if (row.AccessMode == OnlineMode)
            {
                var lifetime = _options.AccessTokenLifetime;
                var online = NewCredential("shpua_");
                Save(added: [Row(online, AccessTokenKind, OnlineMode, row.Scope, lifetime)], removed: [row]);
                return new DemoStoreTokenGrant(online, row.Scope, ExpiresIn(lifetime), Online: true);
            }
            if (expiring)
            {
                return IssueExpiringOffline(row.Scope, spent: row);
            }
            var token = NewCredential("shpat_");
            Save(added: [Row(token, AccessTokenKind, OfflineMode, row.Scope, lifetime: null)], removed: [row]);
            return new DemoStoreTokenGrant(token, row.Scope, ExpiresIn: null);
        }
    }

    /// <summary>A new expiring offline access token and refresh token for a refresh token, which (with every earlier expiring token) is then revoked.</summary>
    /// <exception cref="DemoStoreOAuthException">400 <c>invalid_grant</c> when the refresh token is unknown, revoked or expired.</exception>
    public DemoStoreTokenGrant Refresh(string refreshToken)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_byHash.TryGetValue(Hash(refreshToken), out var row) || row.Kind != RefreshTokenKind || Expired(row, now))
            {
                throw new DemoStoreOAuthException(400, "invalid_grant", "The refresh token is invalid, expired or was already used");
            }
            return IssueExpiringOffline(row.Scope, spent: null);
        }
    }

    /// <summary>The comma-separated scopes, trimmed, without empty entries or repeats, in order.</summary>
    public static IReadOnlyList<string> ParseScopes(string? scopes) =>
        (scopes ?? "").Split([',', ' '], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The <c>expires_in</c> of a token accepted for <paramref name="lifetime"/>: the whole seconds left
    /// once the answer is on its way, as Shopify counts them (24 hours: 86399).
    /// </summary>
    public static long ExpiresIn(TimeSpan lifetime) => Math.Max(0, (long)Math.Ceiling(lifetime.TotalSeconds) - 1);

    /// <summary>Lower-case hex SHA-256 of the credential's UTF-8 bytes: what is stored instead of it.</summary>
    public static string Hash(string credential) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));

    // Called under _gate.
    private DemoStoreTokenGrant IssueExpiringOffline(string scope, DemoOAuthTokenRow? spent)
    {
        var access = NewCredential("shpat_");
        var refresh = NewCredential("shprt_");
        var revoked = _byHash.Values.Where(r => r.AccessMode == ExpiringOfflineMode).ToList();
        if (spent is not null)
        {
            revoked.Add(spent);
        }
        Save(
            added: [Row(access, AccessTokenKind, ExpiringOfflineMode, scope, ExpiringOfflineLifetime),
                    Row(refresh, RefreshTokenKind, ExpiringOfflineMode, scope, RefreshTokenLifetime)],
            removed: revoked);
        return new DemoStoreTokenGrant(access, scope, (long)ExpiringOfflineLifetime.TotalSeconds,
            refresh, (long)RefreshTokenLifetime.TotalSeconds);
    }

    private DemoOAuthTokenRow Row(string credential, string kind, string accessMode, string scope, TimeSpan? lifetime)
    {
        var now = _time.GetUtcNow();
        return new DemoOAuthTokenRow
        {
            Store = _options.Name,
            Hash = Hash(credential),
            Kind = kind,
            AccessMode = accessMode,
            Scope = scope,
            IssuedAt = now,
            ExpiresAt = lifetime is null ? null : now + lifetime.Value,
        };
    }

    /// <summary>Writes the change to SQLite, then to memory; expired credentials are dropped on the way.</summary>
    private void Save(IReadOnlyList<DemoOAuthTokenRow> added, IReadOnlyList<DemoOAuthTokenRow>? removed = null)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var gone = (removed ?? []).Concat(_byHash.Values.Where(r => Expired(r, now))).DistinctBy(r => r.Hash).ToList();
            using (var db = new DemoStoreDbContext(_db))
            {
                foreach (var row in gone)
                {
                    db.OAuthTokens.Remove(new DemoOAuthTokenRow
                    {
                        Store = row.Store, Hash = row.Hash, Kind = row.Kind, AccessMode = row.AccessMode, Scope = row.Scope,
                    });
                }
                db.OAuthTokens.AddRange(added.Select(Copy));
                db.SaveChanges();
            }
            foreach (var row in gone)
            {
                _byHash.Remove(row.Hash);
            }
            foreach (var row in added)
            {
                _byHash[row.Hash] = row;
            }
        }
    }

    private static DemoOAuthTokenRow Copy(DemoOAuthTokenRow row) => new()
    {
        Store = row.Store,
        Hash = row.Hash,
        Kind = row.Kind,
        AccessMode = row.AccessMode,
        Scope = row.Scope,
        RedirectUri = row.RedirectUri,
        IssuedAt = row.IssuedAt,
        ExpiresAt = row.ExpiresAt,
    };

    private static bool Expired(DemoOAuthTokenRow row, DateTimeOffset now) => row.ExpiresAt is { } expiresAt && now >= expiresAt;

    private static string NewCredential(string prefix) => prefix + RandomNumberGenerator.GetHexString(32, lowercase: true);
}
