using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>A variant with its product (a variant's <c>product</c> and <c>inventoryItem</c> fields need both).</summary>
internal sealed record VariantNode(ShopifyProduct Product, ShopifyVariant Variant);

/// <summary>An inventory item: the variant it tracks stock for, with its product.</summary>
internal sealed record InventoryItemNode(ShopifyProduct Product, ShopifyVariant Variant)
{
    public long Id => Variant.InventoryItemId!.Value;
}

/// <summary>An image of a product, shown as a <c>MediaImage</c>.</summary>
internal sealed record MediaNode(ShopifyProduct Product, ShopifyImage Image);
