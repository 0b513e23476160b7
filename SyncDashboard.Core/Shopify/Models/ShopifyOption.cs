namespace SyncDashboard.Core.Shopify.Models;

/// <summary>A product option ("Size", "Color") with its values.</summary>
public sealed class ShopifyOption
{
    public long? Id { get; set; }
    public long? ProductId { get; set; }
    public string? Name { get; set; }
    public int? Position { get; set; }
    public List<string>? Values { get; set; }
}
