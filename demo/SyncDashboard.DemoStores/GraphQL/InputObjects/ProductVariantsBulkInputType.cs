using GraphQL.Types;
using SyncDashboard.DemoStores.GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.InputObjects;

/// <summary>The GraphQL input type of <see cref="ProductVariantsBulkInput"/>.</summary>
internal sealed class ProductVariantsBulkInputType : InputObjectGraphType<ProductVariantsBulkInput>
{
    public ProductVariantsBulkInputType()
    {
        Name = "ProductVariantsBulkInput";
        Field<IdGraphType>("id").Description("Specifies the product variant to update or delete.");
        Field<ListGraphType<NonNullGraphType<VariantOptionValueInputType>>>("optionValues");
        Field<MoneyGraphType>("price");
        Field<MoneyGraphType>("compareAtPrice").Description("An explicit null clears it.");
        Field<StringGraphType>("barcode");
        Field<ProductVariantInventoryPolicyEnum>("inventoryPolicy");
        Field<BooleanGraphType>("taxable");
        Field<InventoryItemInputType>("inventoryItem");
        Field<ListGraphType<NonNullGraphType<InventoryLevelInputType>>>("inventoryQuantities")
            .Description("The stock at each location; productVariantsBulkCreate only.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        var input = (ProductVariantsBulkInput)base.ParseDictionary(value);
        input.Given = [.. value.Keys];
        return input;
    }
}
