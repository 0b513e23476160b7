namespace SyncDashboard.Core.Shopify.Models;

/// <summary>A place where inventory is kept (<c>location</c> resource).</summary>
public sealed class ShopifyLocation
{
    public long Id { get; set; }
    public string? Name { get; set; }
    public string? Address1 { get; set; }
    public string? City { get; set; }
    public string? Zip { get; set; }
    public string? Country { get; set; }
    public string? CountryCode { get; set; }
    public bool Active { get; set; }
    public bool Legacy { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? AdminGraphqlApiId { get; set; }
}
