using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>ProductVariantsBulkCreateStrategy</c> (shopify.dev enums/ProductVariantsBulkCreateStrategy): what
/// happens to a product's only ("standalone") variant when variants are added.
/// </summary>
internal sealed class ProductVariantsBulkCreateStrategyEnum : EnumerationGraphType
{
    public const string Default = "DEFAULT";
    public const string PreserveStandaloneVariant = "PRESERVE_STANDALONE_VARIANT";
    public const string RemoveStandaloneVariant = "REMOVE_STANDALONE_VARIANT";

    public ProductVariantsBulkCreateStrategyEnum()
    {
        Name = "ProductVariantsBulkCreateStrategy";
        Add(Default, Default, "Deletes the standalone default (\"Default Title\") variant when it's the only variant on the product; preserves a standalone custom variant.");
        Add(PreserveStandaloneVariant, PreserveStandaloneVariant, "Preserves the existing standalone variant, default or custom.");
        Add(RemoveStandaloneVariant, RemoveStandaloneVariant, "Deletes the existing standalone variant, default or custom.");
    }
}
