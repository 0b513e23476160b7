namespace SyncDashboard.Core.Shopify.Models;

/// <summary>A webhook subscription (<c>webhook</c> resource).</summary>
public sealed class ShopifyWebhook
{
    public long? Id { get; set; }

    /// <summary>For example <c>products/update</c> or <c>inventory_levels/update</c>.</summary>
    public string? Topic { get; set; }

    public string? Address { get; set; }

    /// <summary><c>json</c> (the only format this project uses).</summary>
    public string? Format { get; set; }

    public string? ApiVersion { get; set; }
    public List<string>? Fields { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
