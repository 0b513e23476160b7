using GraphQL.Types;
using SyncDashboard.DemoStores.GraphQL.BulkOperations;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>BulkOperationStatus</c> (shopify.dev enums/BulkOperationStatus).</summary>
internal sealed class BulkOperationStatusEnum : EnumerationGraphType
{
    public BulkOperationStatusEnum()
    {
        Name = "BulkOperationStatus";
        Add(BulkOperationStatus.Canceled, BulkOperationStatus.Canceled, "The bulk operation has been canceled.");
        Add(BulkOperationStatus.Canceling, BulkOperationStatus.Canceling, "Cancelation has been initiated on the bulk operation.");
        Add(BulkOperationStatus.Completed, BulkOperationStatus.Completed, "The bulk operation has successfully completed.");
        Add(BulkOperationStatus.Created, BulkOperationStatus.Created, "The bulk operation has been created.");
        Add(BulkOperationStatus.Expired, BulkOperationStatus.Expired, "The bulk operation URL has expired.");
        Add(BulkOperationStatus.Failed, BulkOperationStatus.Failed, "The bulk operation has failed.");
        Add(BulkOperationStatus.Running, BulkOperationStatus.Running, "The bulk operation is runnning.");
    }
}
