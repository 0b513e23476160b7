using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>ProductOption</c>: an option of a product (Size, Color) with its values in order.</summary>
internal sealed class ProductOptionType : ObjectGraphType<ShopifyOption>
{
    public ProductOptionType()
    {
        Name = "ProductOption";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Gid.For("ProductOption", ctx.Source.Id ?? 0));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("position").Resolve(ctx => ctx.Source.Position ?? 1);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("values").Resolve(ctx => ctx.Source.Values ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductOptionValueType>>>>("optionValues").Resolve(ctx => ctx.Source.Values ?? []);
    }
}

/// <summary><c>ProductOptionValue</c>: one value of an option.</summary>
internal sealed class ProductOptionValueType : ObjectGraphType<string>
{
    public ProductOptionValueType()
    {
        Name = "ProductOptionValue";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source);
        Field<NonNullGraphType<BooleanGraphType>>("hasVariants").Resolve(_ => true);
    }
}
