using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>ProductVariantsBulkUpdatePayload</c> (shopify.dev payloads/ProductVariantsBulkUpdatePayload):
/// <c>product</c>, <c>productVariants</c> (the updated ones, in input order) and <c>userErrors</c>.
/// </summary>
internal sealed class ProductVariantsBulkUpdatePayloadType : ObjectGraphType<ProductVariantsBulkResult>
{
    public ProductVariantsBulkUpdatePayloadType()
    {
        Name = "ProductVariantsBulkUpdatePayload";
        Field<ProductType>("product").Resolve(ctx => ctx.Source.Product);
        Field<ListGraphType<NonNullGraphType<ProductVariantType>>>("productVariants").Resolve(ctx => ctx.Source.Variants);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductVariantsBulkUpdateUserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}
