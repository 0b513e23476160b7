using System.Globalization;
using GraphQL;
using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>InventoryItem</c>: the stock-keeping side of a variant: SKU, whether Shopify tracks its
/// stock (REST <c>inventory_management: "shopify"</c>), and its levels per location.
/// </summary>
internal sealed class InventoryItemType : ObjectGraphType<InventoryItemNode>
{
    public InventoryItemType()
    {
        Name = "InventoryItem";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Gid.For("InventoryItem", ctx.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("legacyResourceId").Resolve(ctx => ctx.Source.Id.ToString(CultureInfo.InvariantCulture));
        Field<StringGraphType>("sku").Resolve(ctx => ctx.Source.Variant.Sku);
        Field<NonNullGraphType<BooleanGraphType>>("tracked").Resolve(ctx => ctx.Source.Variant.InventoryManagement == "shopify");
        Field<NonNullGraphType<BooleanGraphType>>("requiresShipping").Resolve(ctx => ctx.Source.Variant.RequiresShipping ?? true);
        Field<InventoryItemMeasurementType>("measurement").Resolve(ctx => ctx.Source.Variant);
        Field<NonNullGraphType<ProductVariantType>>("variant").Resolve(ctx => new VariantNode(ctx.Source.Product, ctx.Source.Variant));

        var levels = Field<NonNullGraphType<ConnectionType<InventoryLevelType, ShopifyInventoryLevel>>>("inventoryLevels");
        ConnectionArguments.AddTo(levels);
        levels.Resolve(ctx => ConnectionPage<ShopifyInventoryLevel>.Slice(
            ctx.Store().Catalogue.ListInventoryLevels(new HashSet<long> { ctx.Source.Id }, null), ConnectionArguments.From(ctx)));
        Field<InventoryLevelType>("inventoryLevel")
            .Argument<NonNullGraphType<IdGraphType>>("locationId")
            .Resolve(ctx =>
            {
                var location = Gid.TryParse(ctx.GetArgument<string>("locationId"), "Location");
                return location is null
                    ? null
                    : ctx.Store().Catalogue.ListInventoryLevels(new HashSet<long> { ctx.Source.Id }, new HashSet<long> { location.Value }).FirstOrDefault();
            });
    }
}

/// <summary><c>InventoryItemMeasurement</c>: the item's packed weight (REST's variant <c>weight</c> and <c>weight_unit</c>).</summary>
internal sealed class InventoryItemMeasurementType : ObjectGraphType<ShopifyVariant>
{
    public InventoryItemMeasurementType()
    {
        Name = "InventoryItemMeasurement";
        Field<WeightType>("weight").Resolve(ctx => ctx.Source.Weight is null ? null : ctx.Source);
    }
}

/// <summary><c>Weight</c>: a value and its unit (GRAMS, KILOGRAMS, OUNCES, POUNDS).</summary>
internal sealed class WeightType : ObjectGraphType<ShopifyVariant>
{
    public WeightType()
    {
        Name = "Weight";
        Field<NonNullGraphType<FloatGraphType>>("value").Resolve(ctx => ctx.Source.Weight ?? 0);
        Field<NonNullGraphType<WeightUnitEnum>>("unit").Resolve(ctx => ctx.Source.WeightUnit ?? "kg");
    }
}

/// <summary><c>WeightUnit</c>: GRAMS, KILOGRAMS, OUNCES, POUNDS; REST's g, kg, oz, lb.</summary>
internal sealed class WeightUnitEnum : EnumerationGraphType
{
    public WeightUnitEnum()
    {
        Name = "WeightUnit";
        Add("GRAMS", "g");
        Add("KILOGRAMS", "kg");
        Add("OUNCES", "oz");
        Add("POUNDS", "lb");
    }
}
