using System.Globalization;
using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>ProductVariant</c>: price and compare-at price as <c>Money</c>, SKU, inventory policy, the
/// selected option values and the inventory item that holds its stock. <c>inventoryQuantity</c>
/// is the sum of the item's available quantities, as in REST.
/// </summary>
internal sealed class ProductVariantType : ObjectGraphType<VariantNode>
{
    public ProductVariantType()
    {
        Name = "ProductVariant";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Gid.For("ProductVariant", ctx.Source.Variant.Id!.Value));
        Field<NonNullGraphType<StringGraphType>>("legacyResourceId").Resolve(ctx => ctx.Source.Variant.Id!.Value.ToString(CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(ctx => ctx.Source.Variant.Title);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(ctx => $"{ctx.Source.Product.Title} - {ctx.Source.Variant.Title}");
        Field<StringGraphType>("sku").Resolve(ctx => ctx.Source.Variant.Sku);
        Field<StringGraphType>("barcode").Resolve(ctx => ctx.Source.Variant.Barcode);
        Field<NonNullGraphType<MoneyGraphType>>("price").Resolve(ctx => ctx.Source.Variant.Price ?? 0m);
        Field<MoneyGraphType>("compareAtPrice").Resolve(ctx => ctx.Source.Variant.CompareAtPrice);
        Field<NonNullGraphType<IntGraphType>>("position").Resolve(ctx => ctx.Source.Variant.Position ?? 1);
        Field<NonNullGraphType<ProductVariantInventoryPolicyEnum>>("inventoryPolicy").Resolve(ctx => ctx.Source.Variant.InventoryPolicy ?? "deny");
        Field<IntGraphType>("inventoryQuantity").Resolve(ctx => ctx.Source.Variant.InventoryQuantity);
        Field<NonNullGraphType<BooleanGraphType>>("taxable").Resolve(ctx => ctx.Source.Variant.Taxable ?? true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SelectedOptionType>>>>("selectedOptions").Resolve(ctx =>
        {
            var values = new[] { ctx.Source.Variant.Option1, ctx.Source.Variant.Option2, ctx.Source.Variant.Option3 };
            return ctx.Source.Product.Options!.Select((o, i) => (o.Name ?? "", values[i] ?? "")).ToList();
        });
        Field<NonNullGraphType<InventoryItemType>>("inventoryItem").Resolve(ctx => new InventoryItemNode(ctx.Source.Product, ctx.Source.Variant));
        Field<NonNullGraphType<ProductType>>("product").Resolve(ctx => ctx.Source.Product);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Resolve(ctx => ctx.Source.Variant.CreatedAt);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("updatedAt").Resolve(ctx => ctx.Source.Variant.UpdatedAt);
    }
}
