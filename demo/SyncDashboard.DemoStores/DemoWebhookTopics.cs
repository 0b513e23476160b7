namespace SyncDashboard.DemoStores;

/// <summary>The webhook topics the demo stores raise.</summary>
public static class DemoWebhookTopics
{
    public const string ProductsCreate = "products/create";
    public const string ProductsUpdate = "products/update";
    public const string ProductsDelete = "products/delete";
    public const string InventoryLevelsUpdate = "inventory_levels/update";

    /// <summary>A bulk operation finished: completed, failed or canceled (payload: its GID, status, error code, type, times).</summary>
    public const string BulkOperationsFinish = "bulk_operations/finish";

    public static IReadOnlySet<string> Supported { get; } =
        new HashSet<string>([ProductsCreate, ProductsUpdate, ProductsDelete, InventoryLevelsUpdate, BulkOperationsFinish], StringComparer.Ordinal);
}
