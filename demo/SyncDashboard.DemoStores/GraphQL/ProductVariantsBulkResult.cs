using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// What a <c>productVariantsBulk*</c> mutation answers: the product after the change (null when
/// nothing was saved), the variants created or updated (null likewise; unused by delete) and the
/// user errors.
/// </summary>
internal sealed record ProductVariantsBulkResult(ShopifyProduct? Product, IReadOnlyList<VariantNode>? Variants, IReadOnlyList<UserError> Errors)
{
    public static ProductVariantsBulkResult Refused(IReadOnlyList<UserError> errors) => new(null, null, errors);
}
