namespace SyncDashboard.DemoStores.GraphQL.InputObjects;

/// <summary>
/// <c>ProductVariantsBulkInput</c> (2026-10, shopify.dev input-objects/ProductVariantsBulkInput): one
/// variant of <c>productVariantsBulkCreate</c> (no <c>id</c>) or <c>productVariantsBulkUpdate</c>
/// (<c>id</c> required). Prices are <c>Money</c> strings ("19.99"); <c>inventoryQuantities</c> are
/// accepted on create only. <see cref="Given"/> holds the field names the request carried, so an
/// explicit <c>compareAtPrice: null</c> (clear it) differs from an absent one (keep it).
/// </summary>
internal sealed class ProductVariantsBulkInput
{
    public string? Id { get; set; }
    public List<VariantOptionValueInput>? OptionValues { get; set; }
    public decimal? Price { get; set; }
    public decimal? CompareAtPrice { get; set; }
    public string? Barcode { get; set; }
    public string? InventoryPolicy { get; set; }
    public bool? Taxable { get; set; }
    public InventoryItemInput? InventoryItem { get; set; }
    public List<InventoryLevelInput>? InventoryQuantities { get; set; }

    /// <summary>The input fields present in the request, explicit nulls included.</summary>
    public HashSet<string> Given { get; set; } = [];
}
