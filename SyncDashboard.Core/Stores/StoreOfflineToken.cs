namespace SyncDashboard.Core.Stores;

/// <summary>
/// An expiring offline access token with its refresh token, as the authorization code grant gives
/// them when asked with <c>expiring=1</c> (the access token lives an hour, the refresh token 90 days,
/// and each refresh replaces both). Required of public apps from 2027-01-01 (shopify.dev "Use
/// expiring offline access tokens"). Never logged: <see cref="ToString"/> shows the expiry only.
/// </summary>
public sealed record StoreOfflineToken(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset? RefreshTokenExpiresAt)
{
    public override string ToString() => $"offline token until {ExpiresAt:u}";
}
