namespace SyncDashboard.DemoStores.GraphQL.BulkOperations;

/// <summary>
/// The values of <c>BulkOperationStatus</c>, <c>BulkOperationType</c> and <c>BulkOperationErrorCode</c>
/// (shopify.dev enums/BulkOperationStatus, enums/BulkOperationType, enums/BulkOperationErrorCode).
/// </summary>
internal static class BulkOperationStatus
{
    public const string Created = "CREATED";
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Canceling = "CANCELING";
    public const string Canceled = "CANCELED";
    public const string Expired = "EXPIRED";

    public const string QueryType = "QUERY";
    public const string MutationType = "MUTATION";

    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    public const string AccessDenied = "ACCESS_DENIED";
    public const string Timeout = "TIMEOUT";
}
