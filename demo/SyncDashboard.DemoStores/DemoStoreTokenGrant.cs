namespace SyncDashboard.DemoStores;

/// <summary>
/// What <c>POST /admin/oauth/access_token</c> hands out; <see cref="DemoStoreOAuth"/> writes it as
/// Shopify's token response (<c>access_token</c>, <c>scope</c>, and the optional fields below).
/// </summary>
/// <param name="AccessToken">The token for <c>X-Shopify-Access-Token</c>: <c>shpat_</c> + 32 hex digits (<c>shpua_</c> for an online token).</param>
/// <param name="Scope">The granted scopes, comma-separated.</param>
/// <param name="ExpiresIn">Seconds until the token is refused (<c>expires_in</c>); none for a non-expiring offline token.</param>
/// <param name="RefreshToken">An expiring offline token's refresh token (<c>refresh_token</c>).</param>
/// <param name="RefreshTokenExpiresIn">Seconds until the refresh token is refused (<c>refresh_token_expires_in</c>, 90 days).</param>
/// <param name="Online">An online (per-user) token, whose response also names the user it acts for.</param>
internal sealed record DemoStoreTokenGrant(
    string AccessToken,
    string Scope,
    long? ExpiresIn,
    string? RefreshToken = null,
    long? RefreshTokenExpiresIn = null,
    bool Online = false);
