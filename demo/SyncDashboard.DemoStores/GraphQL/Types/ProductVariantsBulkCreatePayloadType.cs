using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>ProductVariantsBulkCreatePayload</c> (shopify.dev payloads/ProductVariantsBulkCreatePayload):
/// <c>product</c> (updated), <c>productVariants</c> (the new ones, in input order) and <c>userErrors</c>.
/// </summary>
internal sealed class ProductVariantsBulkCreatePayloadType : ObjectGraphType<ProductVariantsBulkResult>
{
    public ProductVariantsBulkCreatePayloadType()
    {
        Name = "ProductVariantsBulkCreatePayload";
        Field<ProductType>("product").Resolve(ctx => ctx.Source.Product);
        Field<ListGraphType<NonNullGraphType<ProductVariantType>>>("productVariants").Resolve(ctx => ctx.Source.Variants);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductVariantsBulkCreateUserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}
