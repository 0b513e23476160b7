using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// A store the dashboard is connected to: the one Destination, or a Source. Its access token and
/// webhook secret are kept encrypted (ASP.NET Core Data Protection) and never logged.
/// </summary>
public sealed class StoreConnection
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public StoreRole Role { get; set; }

    /// <summary>The store's origin, for example <c>https://my-shop.myshopify.com</c>.</summary>
    public required string BaseUrl { get; set; }

    /// <summary>The shop's domain, as webhooks name it in <c>X-Shopify-Shop-Domain</c>.</summary>
    public string? ShopDomain { get; set; }

    /// <summary>
    /// The Admin API access token, encrypted: the one copied from an app made before 2026, the one
    /// an install (authorization code grant) gave, or the last one the client credentials grant gave
    /// (then renewed before it expires).
    /// </summary>
    public required string ProtectedAccessToken { get; set; }
    public required string ProtectedWebhookSecret { get; set; }

    /// <summary>Which API the dashboard speaks with the store: GraphQL (the default) or REST (apps made before it).</summary>
    public StoreApi Api { get; set; } = StoreApi.GraphQL;

    /// <summary>How the dashboard got (and gets) the store's access tokens.</summary>
    public StoreCredentialKind Credentials { get; set; } = StoreCredentialKind.AccessToken;

    /// <summary>The app's client id (Shopify Dev Dashboard), for the client credentials and authorization code grants.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret, encrypted; it also signs install callbacks and webhooks.</summary>
    public string? ProtectedClientSecret { get; set; }

    /// <summary>
    /// An install's refresh token, encrypted (authorization code grant with expiring offline tokens): it gets
    /// the next access token (<see cref="ProtectedAccessToken"/>) before <see cref="AccessTokenExpiresAt"/>,
    /// and is itself replaced at each refresh. Null for the other kinds of credentials.
    /// </summary>
    public string? ProtectedRefreshToken { get; set; }

    /// <summary>When the saved access token of an install expires (an hour after it was given).</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <summary>When the install's refresh token expires (90 days after it was given, renewed at each refresh).</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; set; }

    /// <summary>
    /// Source: the one location whose stock the Destination sells, or null for the sum over all the
    /// Source's locations (the default). Destination: the location where linked stock is written
    /// (null: the store's primary location).
    /// </summary>
    public long? LocationId { get; set; }

    /// <summary>Requests per second the store's plan drains from its leaky bucket.</summary>
    public double RequestsPerSecond { get; set; } = 2;

    /// <summary>
    /// Which Source product fields flow to the Destination products synced (created) from this Source;
    /// stock always flows. Default: every field (Source stores only).
    /// </summary>
    public ProductFieldSync SyncedFields { get; set; } = ProductFieldSync.SyncedDefault;

    /// <summary>
    /// Which Source product fields flow to Destination products mapped to this Source's products. Mapped
    /// products are the merchant's own listings, so the default is none: stock only (Source stores only).
    /// </summary>
    public ProductFieldSync MappedFields { get; set; } = ProductFieldSync.MappedDefault;

    /// <summary>Markup in percent of the Source price (may be negative, at least -100); see <see cref="PriceRule"/>.</summary>
    public decimal PriceMarkupPercent { get; set; }

    /// <summary>A fixed amount added to the Source price after the markup, in the store's currency.</summary>
    public decimal PriceFixedAmount { get; set; }

    public PriceRounding PriceRounding { get; set; }

    public CompareAtPriceMode CompareAtPriceMode { get; set; }

    /// <summary>The Source's price rule, applied at Sync and on every price update (the columns above).</summary>
    public PriceRule PriceRule
    {
        get => new(PriceMarkupPercent, PriceFixedAmount, PriceRounding, CompareAtPriceMode);
        set
        {
            PriceMarkupPercent = value.MarkupPercent;
            PriceFixedAmount = value.FixedAmount;
            PriceRounding = value.Rounding;
            CompareAtPriceMode = value.CompareAt;
        }
    }

    /// <summary>
    /// What happens to the Destination copy when its Source product is deleted, archived, set to draft or
    /// simply gone (Source stores only).
    /// </summary>
    public SourceDeletePolicy DeletePolicy { get; set; } = SourceDeletePolicy.KeepAndZeroStock;

    public ConnectionStatus Status { get; set; } = ConnectionStatus.Connected;
    public string? LastError { get; set; }

    /// <summary>When the last full read or reconciliation sweep of the catalogue started (the next sweep's <c>updated_at_min</c>).</summary>
    public DateTimeOffset? LastSweepStartedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum StoreRole
{
    Source,
    Destination,
}

public enum ConnectionStatus
{
    Connected,
    Unreachable,
    Disconnected,
}

/// <summary>What a Source product's end (deleted, archived, draft, gone) does to its Destination product.</summary>
public enum SourceDeletePolicy
{
    /// <summary>Keep the Destination product and set its stock to 0.</summary>
    KeepAndZeroStock,

    /// <summary>Keep the Destination product and set it to draft (hidden from shoppers).</summary>
    SetToDraft,

    /// <summary>Delete the Destination product too.</summary>
    Delete,
}

/// <summary>Product fields that can flow from a Source product to its linked Destination product (stock always flows).</summary>
[Flags]
public enum ProductFieldSync
{
    None = 0,
    Title = 1,
    Description = 2,
    Tags = 4,
    Images = 8,
    Prices = 16,
    Vendor = 32,
    ProductType = 64,
    All = Title | Description | Tags | Images | Prices | Vendor | ProductType,

    /// <summary>Synced products: every field.</summary>
    SyncedDefault = All,

    /// <summary>Mapped products: stock only.</summary>
    MappedDefault = None,
}

/// <summary>How a store's access tokens are obtained (shopify.dev "Access tokens").</summary>
public enum StoreCredentialKind
{
    /// <summary>A token copied from an app made in the store admin before 2026 (such apps can no longer be created).</summary>
    AccessToken,

    /// <summary>The app's client id and secret, exchanged for 24-hour tokens (client credentials grant; stores of one's own organisation).</summary>
    ClientCredentials,

    /// <summary>A token given when the store's owner installed the app from an install link (authorization code grant; stores of other merchants).</summary>
    AuthorizationCode,
}
