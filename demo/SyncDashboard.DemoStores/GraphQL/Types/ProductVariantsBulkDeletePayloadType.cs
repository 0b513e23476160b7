using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>ProductVariantsBulkDeletePayload</c> (shopify.dev payloads/ProductVariantsBulkDeletePayload):
/// <c>product</c> (after the deletion) and <c>userErrors</c>.
/// </summary>
internal sealed class ProductVariantsBulkDeletePayloadType : ObjectGraphType<ProductVariantsBulkResult>
{
    public ProductVariantsBulkDeletePayloadType()
    {
        Name = "ProductVariantsBulkDeletePayload";
        Field<ProductType>("product").Resolve(ctx => ctx.Source.Product);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductVariantsBulkDeleteUserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}
