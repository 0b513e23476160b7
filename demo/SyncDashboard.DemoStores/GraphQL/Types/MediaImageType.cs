using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>MediaImage</c>: a product image with its <c>image { url altText width height }</c>.</summary>
internal sealed class MediaImageType : ObjectGraphType<MediaNode>
{
    public MediaImageType()
    {
        Name = "MediaImage";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Gid.For("MediaImage", ctx.Source.Image.Id!.Value));
        Field<StringGraphType>("alt").Resolve(ctx => ctx.Source.Image.Alt);
        Field<NonNullGraphType<StringGraphType>>("mediaContentType").Resolve(_ => "IMAGE");
        Field<NonNullGraphType<StringGraphType>>("status").Resolve(_ => "READY");
        Field<ImageType>("image").Resolve(ctx => ctx.Source);
    }
}

/// <summary><c>Image</c>: where an image is and its size in pixels.</summary>
internal sealed class ImageType : ObjectGraphType<MediaNode>
{
    public ImageType()
    {
        Name = "Image";
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(ctx => ctx.Source.Image.Src);
        Field<StringGraphType>("altText").Resolve(ctx => ctx.Source.Image.Alt);
        Field<IntGraphType>("width").Resolve(ctx => ctx.Source.Image.Width);
        Field<IntGraphType>("height").Resolve(ctx => ctx.Source.Image.Height);
    }
}
