namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>ProductVariantsBulkUpdateUserError</c>: <c>field</c>, <c>message</c> and a
/// <c>ProductVariantsBulkUpdateUserErrorCode</c> (shopify.dev objects/ProductVariantsBulkUpdateUserError).
/// </summary>
internal sealed class ProductVariantsBulkUpdateUserErrorType() : UserErrorType("ProductVariantsBulkUpdateUserError", withCode: true);
