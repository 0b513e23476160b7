namespace SyncDashboard.Core.Shopify.Models;

/// <summary>A product image. On create, <see cref="Src"/> is the address Shopify copies the image from.</summary>
public sealed class ShopifyImage
{
    public long? Id { get; set; }
    public long? ProductId { get; set; }
    public int? Position { get; set; }
    public string? Src { get; set; }
    public string? Alt { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public List<long>? VariantIds { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? AdminGraphqlApiId { get; set; }
}
