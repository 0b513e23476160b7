using GraphQL.Types;
using SyncDashboard.DemoStores.GraphQL.BulkOperations;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>BulkOperationCancelPayload</c> (shopify.dev payloads/BulkOperationCancelPayload): the operation
/// (<c>CANCELING</c> once asked) and <c>UserError</c>s (field, message).
/// </summary>
internal sealed class BulkOperationCancelPayloadType : ObjectGraphType<(BulkOperation? Operation, IReadOnlyList<UserError> Errors)>
{
    public BulkOperationCancelPayloadType()
    {
        Name = "BulkOperationCancelPayload";
        Field<BulkOperationGraphType>("bulkOperation").Resolve(ctx => ctx.Source.Operation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}
