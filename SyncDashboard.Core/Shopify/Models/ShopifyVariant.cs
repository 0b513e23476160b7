namespace SyncDashboard.Core.Shopify.Models;

/// <summary>A product variant (<c>variant</c> resource), always read and written as part of its product.</summary>
public sealed class ShopifyVariant
{
    public long? Id { get; set; }
    public long? ProductId { get; set; }
    public string? Title { get; set; }

    /// <summary>Sent by Shopify as a string ("19.90"); kept exactly, scale included.</summary>
    public decimal? Price { get; set; }

    public decimal? CompareAtPrice { get; set; }
    public string? Sku { get; set; }
    public string? Barcode { get; set; }
    public int? Position { get; set; }
    public string? Option1 { get; set; }
    public string? Option2 { get; set; }
    public string? Option3 { get; set; }
    public int? Grams { get; set; }
    public double? Weight { get; set; }

    /// <summary><c>g</c>, <c>kg</c>, <c>oz</c> or <c>lb</c>.</summary>
    public string? WeightUnit { get; set; }

    public string? InventoryPolicy { get; set; }
    public string? InventoryManagement { get; set; }
    public string? FulfillmentService { get; set; }
    public bool? Taxable { get; set; }
    public bool? RequiresShipping { get; set; }
    public long? InventoryItemId { get; set; }
    public int? InventoryQuantity { get; set; }
    public int? OldInventoryQuantity { get; set; }
    public long? ImageId { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? AdminGraphqlApiId { get; set; }
}
