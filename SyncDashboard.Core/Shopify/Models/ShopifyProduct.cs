namespace SyncDashboard.Core.Shopify.Models;

/// <summary>
/// A product as the Shopify Admin REST API shapes it (<c>product</c> resource). Properties left
/// <c>null</c> are not sent, so the same type serves for partial updates.
/// </summary>
public sealed class ShopifyProduct
{
    public long? Id { get; set; }
    public string? Title { get; set; }
    public string? BodyHtml { get; set; }
    public string? Vendor { get; set; }
    public string? ProductType { get; set; }
    public string? Handle { get; set; }

    /// <summary>Comma-separated, as Shopify sends and accepts them ("a, b, c").</summary>
    public string? Tags { get; set; }

    /// <summary><c>active</c>, <c>draft</c> or <c>archived</c>.</summary>
    public string? Status { get; set; }

    public string? PublishedScope { get; set; }
    public string? TemplateSuffix { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? AdminGraphqlApiId { get; set; }
    public List<ShopifyVariant>? Variants { get; set; }
    public List<ShopifyOption>? Options { get; set; }
    public List<ShopifyImage>? Images { get; set; }
    public ShopifyImage? Image { get; set; }

    /// <summary>Only in a create request: metafields to create with the product (never in a response).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<ShopifyMetafield>? Metafields { get; set; }
}
