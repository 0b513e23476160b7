using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Catalogue;

/// <summary>
/// Finds the SKU problems of a store's mirrored catalogue: variants without a SKU, SKUs used twice
/// within one product, and SKUs shared with another product. Set-based SQL, so it stays fast for
/// a catalogue of 100,000 products; each product carries its worst problem and the reason in words.
/// </summary>
public sealed class SkuHealth(IDbContextFactory<SyncDbContext> dbFactory)
{
    public async Task RecomputeAsync(int storeId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            WITH counts AS (
                SELECT NormalizedSku, ProductId, COUNT(*) AS InProduct
                FROM variants WHERE StoreId = {storeId} AND NormalizedSku IS NOT NULL
                GROUP BY NormalizedSku, ProductId),
            shared AS (
                SELECT NormalizedSku, COUNT(*) AS Products FROM counts GROUP BY NormalizedSku HAVING COUNT(*) > 1)
            UPDATE variants SET Problem = CASE
                WHEN NormalizedSku IS NULL THEN 'MissingSku'
                WHEN (SELECT InProduct FROM counts c WHERE c.NormalizedSku = variants.NormalizedSku AND c.ProductId = variants.ProductId) > 1 THEN 'DuplicateSku'
                WHEN EXISTS (SELECT 1 FROM shared s WHERE s.NormalizedSku = variants.NormalizedSku) THEN 'SharedWithOtherProduct'
                ELSE 'None' END
            WHERE StoreId = {storeId}
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE products SET Problem = COALESCE((
                SELECT CASE MAX(CASE v.Problem WHEN 'MissingSku' THEN 3 WHEN 'DuplicateSku' THEN 2 WHEN 'SharedWithOtherProduct' THEN 1 ELSE 0 END)
                    WHEN 3 THEN 'MissingSku' WHEN 2 THEN 'DuplicateSku' WHEN 1 THEN 'SharedWithOtherProduct' ELSE 'None' END
                FROM variants v WHERE v.ProductId = products.Id), 'None')
            WHERE StoreId = {storeId}
            """, cancellationToken);

        var troubled = await db.Products
            .Where(p => p.StoreId == storeId && (p.Problem != SkuProblem.None || p.ProblemReason != null))
            .Include(p => p.Variants)
            .ToListAsync(cancellationToken);
        var troubledSkus = troubled.SelectMany(p => p.Variants)
            .Where(v => v.Problem == SkuProblem.SharedWithOtherProduct)
            .Select(v => v.NormalizedSku!)
            .Distinct()
            .ToList();
        var owners = new Dictionary<string, List<(long ProductId, string Title)>>();
        foreach (var chunk in troubledSkus.Chunk(500))
        {
            var rows = await db.Variants
                .Where(v => v.StoreId == storeId && chunk.Contains(v.NormalizedSku!))
                .Join(db.Products, v => v.ProductId, p => p.Id, (v, p) => new { v.NormalizedSku, p.Id, p.Title })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                (owners.TryGetValue(row.NormalizedSku!, out var list) ? list : owners[row.NormalizedSku!] = []).Add((row.Id, row.Title));
            }
        }
        foreach (var product in troubled)
        {
            product.ProblemReason = Explain(product, owners);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The reason a merchant reads, for example "2 of 3 variants have no SKU".</summary>
    internal static string? Explain(MirroredProduct product, IReadOnlyDictionary<string, List<(long ProductId, string Title)>> owners)
    {
        var reasons = new List<string>();
        var missing = product.Variants.Count(v => v.Problem == SkuProblem.MissingSku);
        if (missing > 0)
        {
            reasons.Add(missing == product.Variants.Count && missing == 1
                ? "The variant has no SKU"
                : $"{missing} of {product.Variants.Count} variants {(missing == 1 ? "has" : "have")} no SKU");
        }
        foreach (var group in product.Variants.Where(v => v.Problem == SkuProblem.DuplicateSku).GroupBy(v => v.Sku?.Trim()))
        {
            reasons.Add($"SKU {group.Key} is used by {group.Count()} variants of this product");
        }
        foreach (var sku in product.Variants.Where(v => v.Problem == SkuProblem.SharedWithOtherProduct).Select(v => v.NormalizedSku!).Distinct())
        {
            var others = owners.TryGetValue(sku, out var list)
                ? list.Where(o => o.ProductId != product.Id).Select(o => $"\"{o.Title}\"").Distinct().ToList()
                : [];
            reasons.Add(others.Count == 0
                ? $"SKU {sku} is also used by another product"
                : $"SKU {sku} is also used by {string.Join(", ", others.Take(3))}{(others.Count > 3 ? $" and {others.Count - 3} more" : "")}");
        }
        return reasons.Count == 0 ? null : string.Join("; ", reasons) + ".";
    }
}
