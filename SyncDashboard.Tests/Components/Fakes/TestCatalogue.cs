using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Products;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>Builds the rows and details the fakes serve.</summary>
public static class TestCatalogue
{
    public static ProductGridRow Row(long id, string title, SyncState state = SyncState.NotSynced, SkuProblem problem = SkuProblem.None,
        string? problemReason = null, params string[] skus) =>
        new(id, 9000 + id, title, "Acme", null, skus.Length == 0 ? [$"SKU-{id}"] : skus, Math.Max(1, skus.Length), 10, state, problem, problemReason);

    public static List<ProductGridRow> Rows(int count, SyncState state = SyncState.NotSynced) =>
        [.. Enumerable.Range(1, count).Select(i => Row(i, $"Product {i:000}", state))];

    /// <summary>Linen Shirt (1, Synced), Canvas Tote (2, Mapped) and Wool Beanie (3, Not synced).</summary>
    public static List<ProductGridRow> SyncedMappedAndNotSynced() =>
    [
        Row(1, "Linen Shirt", SyncState.Synced),
        Row(2, "Canvas Tote", SyncState.Mapped),
        Row(3, "Wool Beanie", SyncState.NotSynced),
    ];

    public static MirroredVariant Variant(long id, string title, string? sku, int quantity = 5, SkuProblem problem = SkuProblem.None) =>
        new() { Id = id, Title = title, Sku = sku, Quantity = quantity, Price = 19.5m, CompareAtPrice = 25m, Barcode = $"BC{id}", Option1 = title, Problem = problem };
}
