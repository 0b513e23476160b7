namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>ProductVariantsBulkDeleteUserError</c>: <c>field</c>, <c>message</c> and a
/// <c>ProductVariantsBulkDeleteUserErrorCode</c> (shopify.dev objects/ProductVariantsBulkDeleteUserError).
/// </summary>
internal sealed class ProductVariantsBulkDeleteUserErrorType() : UserErrorType("ProductVariantsBulkDeleteUserError", withCode: true);
