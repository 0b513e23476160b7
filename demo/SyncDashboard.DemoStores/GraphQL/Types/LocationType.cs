using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>Location</c>: a place the store keeps stock at.</summary>
internal sealed class LocationType : ObjectGraphType<ShopifyLocation>
{
    public LocationType()
    {
        Name = "Location";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Gid.For("Location", ctx.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("legacyResourceId").Resolve(ctx => ctx.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Name);
        Field<NonNullGraphType<BooleanGraphType>>("isActive").Resolve(ctx => ctx.Source.Active);
        Field<NonNullGraphType<BooleanGraphType>>("isPrimary")
            .Resolve(ctx => ctx.Source.Id == ((DemoStoreGraphQLContext)ctx.UserContext).Catalogue.PrimaryLocationId);
        Field<NonNullGraphType<BooleanGraphType>>("fulfillsOnlineOrders").Resolve(_ => true);
    }
}
