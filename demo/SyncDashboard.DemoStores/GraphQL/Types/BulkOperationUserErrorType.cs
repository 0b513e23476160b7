namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>BulkOperationUserError</c>: <c>field</c>, <c>message</c> and a <c>BulkOperationUserErrorCode</c>
/// (<c>INVALID</c>, <c>LIMIT_REACHED</c>, <c>OPERATION_IN_PROGRESS</c>; shopify.dev enums/BulkOperationUserErrorCode).
/// </summary>
internal sealed class BulkOperationUserErrorType() : UserErrorType("BulkOperationUserError", withCode: true);
