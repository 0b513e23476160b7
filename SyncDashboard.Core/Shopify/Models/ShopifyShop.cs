namespace SyncDashboard.Core.Shopify.Models;

/// <summary>The store itself (<c>shop</c> resource), as far as SyncDashboard needs it.</summary>
public sealed class ShopifyShop
{
    public long Id { get; set; }
    public string? Name { get; set; }
    public string? Domain { get; set; }
    public string? MyshopifyDomain { get; set; }
    public string? Email { get; set; }
    public string? Currency { get; set; }
    public long? PrimaryLocationId { get; set; }
}
