using GraphQL.Types;
using SyncDashboard.DemoStores.GraphQL.BulkOperations;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>BulkOperationErrorCode</c>: why a bulk operation FAILED (shopify.dev enums/BulkOperationErrorCode).</summary>
internal sealed class BulkOperationErrorCodeEnum : EnumerationGraphType
{
    public BulkOperationErrorCodeEnum()
    {
        Name = "BulkOperationErrorCode";
        Add(BulkOperationStatus.AccessDenied, BulkOperationStatus.AccessDenied, "The query returned access denied due to missing access scopes.");
        Add(BulkOperationStatus.InternalServerError, BulkOperationStatus.InternalServerError, "The operation resulted in partial or incomplete data due to internal server errors.");
        Add(BulkOperationStatus.Timeout, BulkOperationStatus.Timeout, "The operation resulted in partial or incomplete data due to query timeouts.");
    }
}
