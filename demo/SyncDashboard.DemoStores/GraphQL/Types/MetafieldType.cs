using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>Metafield</c>: a namespaced key with a typed value on a product.</summary>
internal sealed class MetafieldType : ObjectGraphType<ShopifyMetafield>
{
    public MetafieldType()
    {
        Name = "Metafield";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Gid.For("Metafield", ctx.Source.Id!.Value));
        Field<NonNullGraphType<StringGraphType>>("namespace").Resolve(ctx => ctx.Source.Namespace);
        Field<NonNullGraphType<StringGraphType>>("key").Resolve(ctx => ctx.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("value").Resolve(ctx => ctx.Source.Value);
        Field<NonNullGraphType<StringGraphType>>("type").Resolve(ctx => ctx.Source.Type);
        Field<NonNullGraphType<StringGraphType>>("ownerType").Resolve(_ => "PRODUCT");
        Field<NonNullGraphType<StringGraphType>>("compareDigest")
            .Description("The digest of the stored value, for metafieldsSet's compare-and-set.")
            .Resolve(ctx => DemoStoreCatalogue.MetafieldDigest(ctx.Source));
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("updatedAt").Resolve(ctx => ctx.Source.UpdatedAt);
    }
}
