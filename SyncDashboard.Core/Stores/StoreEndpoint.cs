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
    /// <summary>The name and URL only: the token stays out of logs.</summary>
    public override string ToString() => $"{Name} ({BaseUrl})";
}
