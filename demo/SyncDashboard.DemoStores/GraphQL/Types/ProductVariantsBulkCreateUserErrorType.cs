namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>ProductVariantsBulkCreateUserError</c>: <c>field</c>, <c>message</c> and a
/// <c>ProductVariantsBulkCreateUserErrorCode</c> (shopify.dev objects/ProductVariantsBulkCreateUserError).
/// </summary>
internal sealed class ProductVariantsBulkCreateUserErrorType() : UserErrorType("ProductVariantsBulkCreateUserError", withCode: true);
