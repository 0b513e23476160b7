namespace SyncDashboard.Core.Stores;

/// <summary>
/// Where and how to reach one store: what <see cref="IStoreClientFactory"/> needs to create its client.
/// (Named so as not to clash with the persisted <c>SyncDashboard.Core.Connections.StoreConnection</c>,
/// whose secrets are kept encrypted: unprotect its token and build one of these.)
/// </summary>
/// <param name="Name">The store's name in this dashboard (used in errors and logs).</param>
/// <param name="BaseUrl">The store's origin, for example <c>https://my-shop.myshopify.com</c>.</param>
/// <param name="AccessToken">The Admin API access token (never logged, never in <see cref="ToString"/>).</param>
/// <param name="RequestsPerSecond">The rate at which the store's plan drains its leaky bucket (Shopify standard: 2).</param>
/// <param name="BucketSize">The bucket size assumed until the store tells its own (Shopify standard: 40).</param>
public sealed record StoreEndpoint(string Name, Uri BaseUrl, string AccessToken, double RequestsPerSecond = 2, int BucketSize = 40)
{
    /// <summary>Which of the store's APIs the client speaks (GraphQL unless the connection says otherwise).</summary>
    public StoreApi Api { get; init; } = StoreApi.GraphQL;

    /// <summary>
    /// The app's client id and secret, when the store's access tokens come from the client
    /// credentials grant (then <see cref="AccessToken"/> may be empty: a token is asked for, and
    /// renewed before it expires and once after a 401). Never logged.
    /// </summary>
    public StoreAppCredentials? App { get; init; }

    /// <summary>
    /// With <see cref="App"/>: the install's expiring offline token and its refresh token (authorization
    /// code grant). It is refreshed before it expires and once after a 401, and every new pair is handed
    /// to <see cref="OfflineTokenRefreshed"/> to be saved before it is used (the old refresh token is retired).
    /// </summary>
    public StoreOfflineToken? OfflineToken { get; init; }

    /// <summary>Saves a refreshed token pair (the connection's store of it); called before the new token is used.</summary>
    public Func<StoreOfflineToken, CancellationToken, Task>? OfflineTokenRefreshed { get; init; }

    /// <summary>The name and URL only: the token stays out of logs.</summary>
    public override string ToString() => $"{Name} ({BaseUrl})";
}

/// <summary>Which API of a store the client speaks.</summary>
public enum StoreApi
{
    /// <summary>Shopify's GraphQL Admin API (the current one; the default).</summary>
    GraphQL,

    /// <summary>Shopify's REST Admin API (legacy since 2024-10; for apps made before it).</summary>
    Rest,
}

/// <summary>An app's client id and secret (Shopify Dev Dashboard), for the client credentials grant.</summary>
public sealed record StoreAppCredentials(string ClientId, string ClientSecret)
{
    /// <summary>The client id only: the secret stays out of logs.</summary>
    public override string ToString() => ClientId;
}
