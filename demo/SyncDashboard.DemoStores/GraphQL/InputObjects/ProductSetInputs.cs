using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.InputObjects;

/// <summary>
/// <c>ProductSetInput</c> (2026-10): the product as it should be. Omitted scalar fields stay as
/// they are; list fields given (variants, productOptions, files, metafields) replace the
/// product's own: entries not listed are deleted (shopify.dev, mutations/productSet).
/// </summary>
internal sealed class ProductSetInput
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? DescriptionHtml { get; set; }
    public string? Handle { get; set; }
    public string? Vendor { get; set; }
    public string? ProductType { get; set; }
    public string? Status { get; set; }
    public List<string>? Tags { get; set; }
    public List<OptionSetInput>? ProductOptions { get; set; }
    public List<ProductVariantSetInput>? Variants { get; set; }
    public List<FileSetInput>? Files { get; set; }
    public List<MetafieldInput>? Metafields { get; set; }
}

internal sealed class OptionSetInput
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public int? Position { get; set; }
    public List<OptionValueSetInput>? Values { get; set; }
}

internal sealed class OptionValueSetInput
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}

internal sealed class ProductVariantSetInput
{
    public string? Id { get; set; }
    public List<VariantOptionValueInput>? OptionValues { get; set; }
    public decimal? Price { get; set; }
    public decimal? CompareAtPrice { get; set; }
    public string? Barcode { get; set; }
    public int? Position { get; set; }
    public string? InventoryPolicy { get; set; }
    public bool? Taxable { get; set; }
    public InventoryItemInput? InventoryItem { get; set; }
    public List<ProductSetInventoryInput>? InventoryQuantities { get; set; }
}

internal sealed class VariantOptionValueInput
{
    public string? OptionName { get; set; }
    public string? Name { get; set; }
    public string? OptionId { get; set; }
    public string? Id { get; set; }
}

internal sealed class InventoryItemInput
{
    public InventoryItemMeasurementInput? Measurement { get; set; }
    public string? Sku { get; set; }
    public bool? Tracked { get; set; }
    public bool? RequiresShipping { get; set; }
}

internal sealed class ProductSetInventoryInput
{
    public string? LocationId { get; set; }
    public string? Name { get; set; }
    public int Quantity { get; set; }
}

internal sealed class FileSetInput
{
    public string? OriginalSource { get; set; }
    public string? Alt { get; set; }
    public string? ContentType { get; set; }
    public string? Filename { get; set; }
}

internal sealed class MetafieldInput
{
    public string? Id { get; set; }
    public string? Namespace { get; set; }
    public string? Key { get; set; }
    public string? Type { get; set; }
    public string? Value { get; set; }
}

internal sealed class ProductSetIdentifiers
{
    public string? Id { get; set; }
    public string? Handle { get; set; }
}

internal sealed class InventoryItemMeasurementInput
{
    public WeightInput? Weight { get; set; }
}

internal sealed class WeightInput
{
    public double Value { get; set; }
    public string Unit { get; set; } = "kg";
}
