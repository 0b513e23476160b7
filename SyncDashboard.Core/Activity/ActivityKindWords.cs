namespace SyncDashboard.Core.Activity;

public static class ActivityKindWords
{
    /// <summary>The kind as the dashboard shows it: "Inventory update", not <c>InventoryUpdate</c>.</summary>
    public static string Words(this ActivityKind kind) => kind switch
    {
        ActivityKind.InventoryUpdate => "Inventory update",
        ActivityKind.ProductUpdate => "Product update",
        ActivityKind.ProductDeleted => "Product deleted",
        ActivityKind.WebhookRejected => "Webhook rejected",
        ActivityKind.OutOfStep => "Out of step",
        _ => kind.ToString(),
    };
}
