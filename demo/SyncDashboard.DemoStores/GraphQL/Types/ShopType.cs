using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>Shop</c>: the store's name, domain and currency (the fields SyncDashboard and common clients read).</summary>
internal sealed class ShopType : ObjectGraphType<DemoStoreGraphQLContext>
{
    public ShopType()
    {
        Name = "Shop";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Gid.For("Shop", ctx.Source.Catalogue.PrimaryLocationId - 1));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Options.Name);
        Field<NonNullGraphType<StringGraphType>>("myshopifyDomain").Resolve(ctx => ctx.Source.Options.Domain);
        Field<NonNullGraphType<StringGraphType>>("email").Resolve(ctx => $"owner@{ctx.Source.Options.Domain}");
        Field<NonNullGraphType<StringGraphType>>("currencyCode").Resolve(_ => "CAD");
        Field<NonNullGraphType<StringGraphType>>("ianaTimezone").Resolve(_ => "UTC");
    }
}
