namespace SyncDashboard.Core.Stores;

/// <summary>What an install gave: the store's access token (offline: it does not expire) and the permissions granted.</summary>
/// <param name="AccessToken">The access token (never logged, never in <see cref="ToString"/>).</param>
/// <param name="Scopes">The permissions the store granted, in its own names.</param>
public sealed record StoreInstallGrant(string AccessToken, IReadOnlyList<string> Scopes)
{
    /// <summary>The expiring token with its refresh token, when the store gave one (it does when asked with <c>expiring=1</c>).</summary>
    public StoreOfflineToken? Offline { get; init; }

    /// <summary>The scopes only: the token stays out of logs.</summary>
    public override string ToString() => string.Join(',', Scopes);
}
