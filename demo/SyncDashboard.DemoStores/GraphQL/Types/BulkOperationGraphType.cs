using GraphQL.Types;
using SyncDashboard.DemoStores.GraphQL.BulkOperations;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>BulkOperation</c> (2026-10, shopify.dev objects/BulkOperation): <c>id</c>, <c>status</c>,
/// <c>errorCode</c>, <c>createdAt</c>, <c>completedAt</c>, <c>objectCount</c> (lines written so far,
/// as an <c>UnsignedInt64</c> string), <c>rootObjectCount</c> (top-level lines), <c>fileSize</c>
/// (bytes, once finished), <c>url</c> (the JSONL of a COMPLETED operation; null when it has no
/// objects or after seven days), <c>partialDataUrl</c> (what a FAILED operation wrote), <c>query</c>
/// and <c>type</c>.
/// </summary>
internal sealed class BulkOperationGraphType : ObjectGraphType<BulkOperation>
{
    public BulkOperationGraphType()
    {
        Name = "BulkOperation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Gid);
        Field<NonNullGraphType<BulkOperationStatusEnum>>("status").Resolve(ctx => ctx.Source.Status);
        Field<BulkOperationErrorCodeEnum>("errorCode").Resolve(ctx => ctx.Source.ErrorCode);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field<ShopifyDateTimeGraphType>("completedAt").Resolve(ctx => ctx.Source.CompletedAt);
        Field<NonNullGraphType<UnsignedInt64GraphType>>("objectCount").Resolve(ctx => ctx.Source.ObjectCount);
        Field<NonNullGraphType<UnsignedInt64GraphType>>("rootObjectCount").Resolve(ctx => ctx.Source.RootObjectCount);
        Field<UnsignedInt64GraphType>("fileSize").Resolve(ctx => ctx.Source.FileSize);
        Field<UrlGraphType>("url").Resolve(ctx =>
            ctx.Source.Status == BulkOperationStatus.Completed ? ctx.Store().BulkOperations?.FileUrl(ctx.Source) : null);
        Field<UrlGraphType>("partialDataUrl").Resolve(ctx =>
            ctx.Source.Status == BulkOperationStatus.Failed ? ctx.Store().BulkOperations?.FileUrl(ctx.Source) : null);
        Field<NonNullGraphType<StringGraphType>>("query").Resolve(ctx => ctx.Source.Query);
        Field<NonNullGraphType<BulkOperationTypeEnum>>("type").Resolve(ctx => ctx.Source.Type);
    }
}
