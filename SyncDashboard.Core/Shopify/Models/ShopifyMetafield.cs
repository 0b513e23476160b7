namespace SyncDashboard.Core.Shopify.Models;

/// <summary>
/// A metafield (<c>metafield</c> resource): a value a resource carries under a namespace and a key,
/// with a type such as <c>single_line_text_field</c>. Read and written under the owner's path
/// (<c>products/{id}/metafields.json</c>), or sent with a product when it is created.
/// </summary>
public sealed class ShopifyMetafield
{
    public long? Id { get; set; }
    public string? Namespace { get; set; }
    public string? Key { get; set; }
    public string? Value { get; set; }
    public string? Type { get; set; }
    public string? Description { get; set; }
    public long? OwnerId { get; set; }
    public string? OwnerResource { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? AdminGraphqlApiId { get; set; }
}
