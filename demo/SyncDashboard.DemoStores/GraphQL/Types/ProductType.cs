using System.Globalization;
using GraphQL;
using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>Product</c> over the same state the REST API serves: REST <c>body_html</c> is
/// <c>descriptionHtml</c>, tags a list, status an enum, variants a connection (up to 2,048 per
/// product, read in pages of up to 250).
/// </summary>
internal sealed class ProductType : ObjectGraphType<ShopifyProduct>
{
    public ProductType()
    {
        Name = "Product";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Gid.For("Product", ctx.Source.Id!.Value));
        Field<NonNullGraphType<StringGraphType>>("legacyResourceId").Resolve(ctx => ctx.Source.Id!.Value.ToString(CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(ctx => ctx.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("handle").Resolve(ctx => ctx.Source.Handle);
        Field<NonNullGraphType<StringGraphType>>("descriptionHtml").Resolve(ctx => ctx.Source.BodyHtml ?? "");
        Field<NonNullGraphType<StringGraphType>>("vendor").Resolve(ctx => ctx.Source.Vendor ?? "");
        Field<NonNullGraphType<StringGraphType>>("productType").Resolve(ctx => ctx.Source.ProductType ?? "");
        Field<NonNullGraphType<ProductStatusEnum>>("status").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags")
            .Resolve(ctx => (ctx.Source.Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("updatedAt").Resolve(ctx => ctx.Source.UpdatedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductOptionType>>>>("options")
            .Argument<IntGraphType>("first")
            .Resolve(ctx => ctx.GetArgument<int?>("first") is { } first ? ctx.Source.Options!.Take(first) : ctx.Source.Options!);

        var variants = Field<NonNullGraphType<ConnectionType<ProductVariantType, VariantNode>>>("variants")
            .Description("The product's variants, in position order.");
        ConnectionArguments.AddTo(variants);
        variants.Resolve(ctx =>
        {
            var arguments = ConnectionArguments.From(ctx);
            var nodes = ctx.Source.Variants!.OrderBy(v => v.Position).Select(v => new VariantNode(ctx.Source, v)).ToList();
            if (arguments.Reverse)
            {
                nodes.Reverse();
            }
            return ConnectionPage<VariantNode>.Slice(nodes, arguments);
        });
        Field<CountType>("variantsCount").Resolve(ctx => ((long)ctx.Source.Variants!.Count, true));

        Field<MetafieldType>("metafield")
            .Argument<StringGraphType>("namespace", "The namespace; the app's reserved namespace when omitted.")
            .Argument<NonNullGraphType<StringGraphType>>("key")
            .Resolve(ctx => ctx.Store().Catalogue
                .ListMetafields(ctx.Source.Id!.Value, ctx.GetArgument<string?>("namespace"), ctx.GetArgument<string>("key"))
                .FirstOrDefault());
        var metafields = Field<NonNullGraphType<ConnectionType<MetafieldType, ShopifyMetafield>>>("metafields")
            .Argument<StringGraphType>("namespace")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("keys", "namespace.key pairs");
        ConnectionArguments.AddTo(metafields);
        metafields.Resolve(ctx =>
        {
            var keys = ctx.GetArgument<List<string>?>("keys");
            var all = ctx.Store().Catalogue.ListMetafields(ctx.Source.Id!.Value, ctx.GetArgument<string?>("namespace"))
                .Where(m => keys is null || keys.Contains($"{m.Namespace}.{m.Key}"))
                .ToList();
            return ConnectionPage<ShopifyMetafield>.Slice(all, ConnectionArguments.From(ctx));
        });

        var media = Field<NonNullGraphType<ConnectionType<MediaImageType, MediaNode>>>("media")
            .Description("The product's images, as MediaImage nodes.");
        ConnectionArguments.AddTo(media);
        media.Resolve(ctx => ConnectionPage<MediaNode>.Slice(
            ctx.Source.Images!.OrderBy(i => i.Position).Select(i => new MediaNode(ctx.Source, i)).ToList(), ConnectionArguments.From(ctx)));
        Field<MediaImageType>("featuredMedia").Resolve(ctx =>
            ctx.Source.Images!.OrderBy(i => i.Position).Select(i => new MediaNode(ctx.Source, i)).FirstOrDefault());
    }
}
