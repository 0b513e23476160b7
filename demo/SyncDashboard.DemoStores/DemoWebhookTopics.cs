namespace SyncDashboard.DemoStores;

/// <summary>The webhook topics the demo stores raise.</summary>
public static class DemoWebhookTopics
{
    public const string ProductsCreate = "products/create";
    public const string ProductsUpdate = "products/update";
    public const string ProductsDelete = "products/delete";
    public const string InventoryLevelsUpdate = "inventory_levels/update";

    public static IReadOnlySet<string> Supported { get; } =
        new HashSet<string>([ProductsCreate, ProductsUpdate, ProductsDelete, InventoryLevelsUpdate], StringComparer.Ordinal);
}
