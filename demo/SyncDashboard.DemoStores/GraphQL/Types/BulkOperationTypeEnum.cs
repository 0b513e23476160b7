using GraphQL.Types;
using SyncDashboard.DemoStores.GraphQL.BulkOperations;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>BulkOperationType</c>: QUERY or MUTATION (shopify.dev enums/BulkOperationType).</summary>
internal sealed class BulkOperationTypeEnum : EnumerationGraphType
{
    public BulkOperationTypeEnum()
    {
        Name = "BulkOperationType";
        Add(BulkOperationStatus.MutationType, BulkOperationStatus.MutationType, "The bulk operation is a mutation.");
        Add(BulkOperationStatus.QueryType, BulkOperationStatus.QueryType, "The bulk operation is a query.");
    }
}
