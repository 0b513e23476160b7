namespace SyncDashboard.DemoStores.Persistence;

/// <summary>
/// An OAuth credential a demo store issued (an access token, a refresh token or an authorization
/// code), kept so that it survives a restart of the store. Only the SHA-256 of the credential is
/// stored, never the credential itself; see <c>DemoStoreAccessTokens</c> for the rules.
/// </summary>
public sealed class DemoOAuthTokenRow
{
    public required string Store { get; set; }

    /// <summary>Lower-case hex SHA-256 of the credential's UTF-8 bytes (64 characters).</summary>
    public required string Hash { get; set; }

    /// <summary><c>access_token</c>, <c>refresh_token</c> or <c>authorization_code</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>
    /// How the app holds the access: <c>client_credentials</c>, <c>offline</c> (never expires),
    /// <c>expiring_offline</c> (with a refresh token) or <c>online</c> (per-user).
    /// </summary>
    public required string AccessMode { get; set; }

    /// <summary>The granted access scopes, comma-separated as Shopify's <c>scope</c> field.</summary>
    public required string Scope { get; set; }

    /// <summary>For an authorization code: the <c>redirect_uri</c> it was sent to.</summary>
    public string? RedirectUri { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The instant it stops being accepted; none for a non-expiring offline token.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
