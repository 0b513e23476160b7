using GraphQL.Types;
using SyncDashboard.DemoStores.GraphQL.BulkOperations;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>BulkOperationRunQueryPayload</c> (shopify.dev payloads/BulkOperationRunQueryPayload): the new
/// operation (status <c>CREATED</c>; null when refused) and <c>BulkOperationUserError</c>s.
/// </summary>
internal sealed class BulkOperationRunQueryPayloadType : ObjectGraphType<(BulkOperation? Operation, IReadOnlyList<UserError> Errors)>
{
    public BulkOperationRunQueryPayloadType()
    {
        Name = "BulkOperationRunQueryPayload";
        Field<BulkOperationGraphType>("bulkOperation").Resolve(ctx => ctx.Source.Operation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BulkOperationUserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}
