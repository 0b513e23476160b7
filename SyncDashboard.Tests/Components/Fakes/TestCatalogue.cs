using SyncDashboard.Core.Catalogue;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>Builds the rows and details the fakes serve.</summary>
public static class TestCatalogue
{
    public static ProductGridRow Row(long id, string title, SyncState state = SyncState.NotSynced, SkuProblem problem = SkuProblem.None,
        string? problemReason = null, params string[] skus) =>
        new(id, 9000 + id, title, "Acme", null, skus.Length == 0 ? [$"SKU-{id}"] : skus, Math.Max(1, skus.Length), 10, state, problem, problemReason);

    public static List<ProductGridRow> Rows(int count, SyncState state = SyncState.NotSynced) =>
        [.. Enumerable.Range(1, count).Select(i => Row(i, $"Product {i:000}", state))];

    public static MirroredVariant Variant(long id, string title, string? sku, int quantity = 5, SkuProblem problem = SkuProblem.None) =>
        new() { Id = id, Title = title, Sku = sku, Quantity = quantity, Price = 19.5m, CompareAtPrice = 25m, Barcode = $"BC{id}", Option1 = title, Problem = problem };
}
