namespace SyncDashboard.DemoStores.GraphQL.InputObjects;

/// <summary>
/// <c>InventoryLevelInput</c> (shopify.dev input-objects/InventoryLevelInput): a variant's available
/// quantity (units) at a location (a <c>Location</c> GID), set when <c>productVariantsBulkCreate</c>
/// creates it.
/// </summary>
internal sealed class InventoryLevelInput
{
    public string LocationId { get; set; } = "";
    public int AvailableQuantity { get; set; }
}
