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

    public required string ProtectedAccessToken { get; set; }
    public required string ProtectedWebhookSecret { get; set; }

    /// <summary>The location whose inventory is read (Source) or written (Destination).</summary>
    public long? LocationId { get; set; }

    /// <summary>Requests per second the store's plan drains from its leaky bucket.</summary>
    public double RequestsPerSecond { get; set; } = 2;

    /// <summary>Which Source product fields flow to synced Destination products (Source stores only).</summary>
    public ProductFieldSync FieldSync { get; set; } = ProductFieldSync.All;

    /// <summary>What happens to the Destination copy when a Source product is deleted (Source stores only).</summary>
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

public enum SourceDeletePolicy
{
    /// <summary>Keep the Destination product and set its stock to 0.</summary>
    KeepAndZeroStock,

    /// <summary>Delete the Destination product too.</summary>
    Delete,
}

/// <summary>Product fields that can flow from a Source product to its synced Destination copy.</summary>
[Flags]
public enum ProductFieldSync
{
    None = 0,
    Title = 1,
    Description = 2,
    Tags = 4,
    Images = 8,
    Prices = 16,
    All = Title | Description | Tags | Images | Prices,
}
