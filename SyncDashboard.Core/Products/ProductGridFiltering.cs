using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;

namespace SyncDashboard.Core.Products;

/// <summary>
/// The product grid's filter and sort as database queries, shared by every reader of the grid's query:
/// its pages (<see cref="ProductQueryService"/>), "select everything that matches" and the CSV export.
/// Both run in SQL; nothing here loads a product.
/// </summary>
public static class ProductGridFiltering
{
    /// <summary>
    /// The products of <see cref="ProductGridQuery.StoreId"/> (null: of every Source among <paramref name="stores"/>) that pass
    /// the status filter and contain the search term (title, vendor, product type, tags or SKUs; see <see cref="ProductSearch.Matching"/>).
    /// The paging fields of <paramref name="query"/> are ignored.
    /// </summary>
    public static IQueryable<MirroredProduct> Filtered(this IQueryable<MirroredProduct> products, ProductGridQuery query, IQueryable<StoreConnection> stores)
    {
        products = query.StoreId is { } storeId
            ? products.Where(p => p.StoreId == storeId)
            : products.Where(p => stores.Any(c => c.Id == p.StoreId && c.Role == StoreRole.Source));
        products = query.Status switch
        {
            ProductStatusFilter.NotSynced => products.Where(p => p.SyncState == SyncState.NotSynced),
            ProductStatusFilter.Synced => products.Where(p => p.SyncState == SyncState.Synced),
            ProductStatusFilter.Mapped => products.Where(p => p.SyncState == SyncState.Mapped),
            ProductStatusFilter.Problems => products.Where(p => p.Problem != SkuProblem.None),
            ProductStatusFilter.OutOfStep => products.Where(p => p.LinkState == LinkState.OutOfStep || p.LinkState == LinkState.Repairing),
            ProductStatusFilter.DuplicateSkus => products.Where(p => p.Problem == SkuProblem.DuplicateSku || p.Problem == SkuProblem.SharedWithOtherProduct),
            _ => products,
        };
        return products.Matching(query.Search);
    }

    /// <summary>
    /// The grid's order for <see cref="ProductGridQuery.Sort"/> and <see cref="ProductGridQuery.Descending"/>, made total by
    /// the product's row id (by title for the status sort), so pages and exports list every product once, in the same order.
    /// </summary>
    public static IOrderedQueryable<MirroredProduct> Sorted(this IQueryable<MirroredProduct> products, ProductGridQuery query) =>
        (query.Sort, query.Descending) switch
        {
            (ProductSort.Vendor, false) => products.OrderBy(p => p.Vendor).ThenBy(p => p.Id),
            (ProductSort.Vendor, true) => products.OrderByDescending(p => p.Vendor).ThenBy(p => p.Id),
            (ProductSort.VariantCount, false) => products.OrderBy(p => p.VariantCount).ThenBy(p => p.Id),
            (ProductSort.VariantCount, true) => products.OrderByDescending(p => p.VariantCount).ThenBy(p => p.Id),
            (ProductSort.Inventory, false) => products.OrderBy(p => p.TotalInventory).ThenBy(p => p.Id),
            (ProductSort.Inventory, true) => products.OrderByDescending(p => p.TotalInventory).ThenBy(p => p.Id),
            (ProductSort.Status, false) => products.OrderBy(p => p.SyncState).ThenBy(p => p.Title).ThenBy(p => p.Id),
            (ProductSort.Status, true) => products.OrderByDescending(p => p.SyncState).ThenBy(p => p.Title).ThenBy(p => p.Id),
            (ProductSort.LastSynced, false) => products.OrderBy(p => p.LastSyncedAt).ThenBy(p => p.Id),
            (ProductSort.LastSynced, true) => products.OrderByDescending(p => p.LastSyncedAt).ThenBy(p => p.Id),
            (_, true) => products.OrderByDescending(p => p.Title).ThenBy(p => p.Id),
            _ => products.OrderBy(p => p.Title).ThenBy(p => p.Id),
        };
}
