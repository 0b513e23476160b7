using GraphQL.Types;
using SyncDashboard.DemoStores.GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.InputObjects;

internal sealed class ProductSetInputType : InputObjectGraphType<ProductSetInput>
{
    public ProductSetInputType()
    {
        Name = "ProductSetInput";
        Field<IdGraphType>("id");
        Field<StringGraphType>("title");
        Field<StringGraphType>("descriptionHtml");
        Field<StringGraphType>("handle");
        Field<StringGraphType>("vendor");
        Field<StringGraphType>("productType");
        Field<ProductStatusEnum>("status");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags");
        Field<ListGraphType<NonNullGraphType<OptionSetInputType>>>("productOptions");
        Field<ListGraphType<NonNullGraphType<ProductVariantSetInputType>>>("variants");
        Field<ListGraphType<NonNullGraphType<FileSetInputType>>>("files");
        Field<ListGraphType<NonNullGraphType<MetafieldInputType>>>("metafields");
    }
}

internal sealed class OptionSetInputType : InputObjectGraphType<OptionSetInput>
{
    public OptionSetInputType()
    {
        Name = "OptionSetInput";
        Field<IdGraphType>("id");
        Field<StringGraphType>("name");
        Field<IntGraphType>("position");
        Field<ListGraphType<NonNullGraphType<OptionValueSetInputType>>>("values");
    }
}

internal sealed class OptionValueSetInputType : InputObjectGraphType<OptionValueSetInput>
{
    public OptionValueSetInputType()
    {
        Name = "OptionValueSetInput";
        Field<IdGraphType>("id");
        Field<StringGraphType>("name");
    }
}

internal sealed class ProductVariantSetInputType : InputObjectGraphType<ProductVariantSetInput>
{
    public ProductVariantSetInputType()
    {
        Name = "ProductVariantSetInput";
        Field<IdGraphType>("id");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VariantOptionValueInputType>>>>("optionValues");
        Field<MoneyGraphType>("price");
        Field<MoneyGraphType>("compareAtPrice");
        Field<StringGraphType>("barcode");
        Field<IntGraphType>("position");
        Field<ProductVariantInventoryPolicyEnum>("inventoryPolicy");
        Field<BooleanGraphType>("taxable");
        Field<InventoryItemInputType>("inventoryItem");
        Field<ListGraphType<NonNullGraphType<ProductSetInventoryInputType>>>("inventoryQuantities");
    }
}

internal sealed class VariantOptionValueInputType : InputObjectGraphType<VariantOptionValueInput>
{
    public VariantOptionValueInputType()
    {
        Name = "VariantOptionValueInput";
        Field<StringGraphType>("optionName");
        Field<StringGraphType>("name");
        Field<IdGraphType>("optionId");
        Field<IdGraphType>("id");
    }
}

internal sealed class InventoryItemInputType : InputObjectGraphType<InventoryItemInput>
{
    public InventoryItemInputType()
    {
        Name = "InventoryItemInput";
        Field<InventoryItemMeasurementInputType>("measurement");
        Field<StringGraphType>("sku");
        Field<BooleanGraphType>("tracked");
        Field<BooleanGraphType>("requiresShipping");
    }
}

internal sealed class ProductSetInventoryInputType : InputObjectGraphType<ProductSetInventoryInput>
{
    public ProductSetInventoryInputType()
    {
        Name = "ProductSetInventoryInput";
        Field<NonNullGraphType<IdGraphType>>("locationId");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<IntGraphType>>("quantity");
    }
}

internal sealed class FileSetInputType : InputObjectGraphType<FileSetInput>
{
    public FileSetInputType()
    {
        Name = "FileSetInput";
        Field<StringGraphType>("originalSource");
        Field<StringGraphType>("alt");
        Field<StringGraphType>("contentType");
        Field<StringGraphType>("filename");
    }
}

internal sealed class MetafieldInputType : InputObjectGraphType<MetafieldInput>
{
    public MetafieldInputType()
    {
        Name = "MetafieldInput";
        Field<IdGraphType>("id");
        Field<StringGraphType>("namespace");
        Field<StringGraphType>("key");
        Field<StringGraphType>("type");
        Field<StringGraphType>("value");
    }
}

internal sealed class ProductSetIdentifiersType : InputObjectGraphType<ProductSetIdentifiers>
{
    public ProductSetIdentifiersType()
    {
        Name = "ProductSetIdentifiers";
        Field<IdGraphType>("id");
        Field<StringGraphType>("handle");
    }
}

internal sealed class InventoryItemMeasurementInputType : InputObjectGraphType<InventoryItemMeasurementInput>
{
    public InventoryItemMeasurementInputType()
    {
        Name = "InventoryItemMeasurementInput";
        Field<WeightInputType>("weight");
    }
}

internal sealed class WeightInputType : InputObjectGraphType<WeightInput>
{
    public WeightInputType()
    {
        Name = "WeightInput";
        Field<NonNullGraphType<FloatGraphType>>("value");
        Field<NonNullGraphType<WeightUnitEnum>>("unit");
    }
}
