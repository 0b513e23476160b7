using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>MetafieldsSetPayload</c> (shopify.dev payloads/MetafieldsSetPayload): the metafields set, in
/// input order (null when refused), and the user errors.
/// </summary>
internal sealed class MetafieldsSetPayloadType : ObjectGraphType<(IReadOnlyList<ShopifyMetafield>? Metafields, IReadOnlyList<UserError> Errors)>
{
    public MetafieldsSetPayloadType()
    {
        Name = "MetafieldsSetPayload";
        Field<ListGraphType<NonNullGraphType<MetafieldType>>>("metafields").Resolve(ctx => ctx.Source.Metafields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MetafieldsSetUserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}
