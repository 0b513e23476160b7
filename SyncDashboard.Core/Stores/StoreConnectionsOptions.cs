namespace SyncDashboard.Core.Stores;

/// <summary>
/// The stores configured in settings (section <c>Stores</c>): the one Destination and its Sources.
/// <code>
/// "Stores": {
///   "Destination": { "Name": "...", "BaseUrl": "https://x.myshopify.com", "AccessToken": "shpat_...", "WebhookSecret": "...", "RequestsPerSecond": 2 },
///   "Sources": [ { ...same... } ]
/// }
/// </code>
/// </summary>
public sealed class StoreConnectionsOptions
{
    public const string SectionName = "Stores";

    public StoreConnectionOptions? Destination { get; set; }

    public List<StoreConnectionOptions> Sources { get; set; } = [];
}

/// <summary>One configured store.</summary>
public sealed class StoreConnectionOptions
{
    /// <summary>Unique among the configured stores (compared ignoring case).</summary>
    public string Name { get; set; } = "";

    /// <summary>The store's origin, for example <c>https://my-shop.myshopify.com</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>A legacy Admin API access token (apps made before 2026); or leave empty and give <see cref="ClientId"/> and <see cref="ClientSecret"/>.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The app's client id (Shopify Dev Dashboard): tokens then come from the client credentials grant.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret, with <see cref="ClientId"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The API to speak: GraphQL (default) or Rest (legacy).</summary>
    public StoreApi Api { get; set; } = StoreApi.GraphQL;

    /// <summary>
    /// The secret that signs the store's webhooks (<c>X-Shopify-Hmac-Sha256</c>); optional. For an app
    /// with <see cref="ClientId"/> and <see cref="ClientSecret"/> it is the client secret when not given.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Requests per second the store's plan drains from its leaky bucket (Shopify standard: 2; Plus: 20).</summary>
    public double RequestsPerSecond { get; set; } = 2;

    /// <summary>The bucket size assumed until the store tells its own in <c>X-Shopify-Shop-Api-Call-Limit</c>.</summary>
    public int BucketSize { get; set; } = 40;

    /// <summary>The endpoint of a validated configuration.</summary>
    public StoreEndpoint ToEndpoint() =>
        new(Name, new Uri(BaseUrl, UriKind.Absolute), AccessToken, RequestsPerSecond, BucketSize)
        {
            Api = Api,
            App = string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret) ? null : new StoreAppCredentials(ClientId.Trim(), ClientSecret.Trim()),
        };

    /// <summary>Whether <paramref name="value"/> is an absolute http or https URL.</summary>
    internal static bool IsHttpUrl(string? value, out Uri? uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
