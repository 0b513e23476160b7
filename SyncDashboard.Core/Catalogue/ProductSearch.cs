using Microsoft.EntityFrameworkCore;

namespace SyncDashboard.Core.Catalogue;

public static class ProductSearch
{
    /// <summary>
    /// The mirrored products whose title, vendor, type, tags or SKUs contain <paramref name="term"/>
    /// (case-insensitive; <c>%</c> and <c>_</c> are matched literally). No term: every product.
    /// </summary>
    public static IQueryable<MirroredProduct> Matching(this IQueryable<MirroredProduct> products, string? term)
    {
        var search = term?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(search))
        {
            return products;
        }
        var pattern = "%" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        return products.Where(p => EF.Functions.Like(p.SearchText, pattern, "\\") || EF.Functions.Like(p.SkuText, pattern, "\\"));
    }
}
