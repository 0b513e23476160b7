using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Catalogue;

/// <summary>What the product grid asks for: one page of one store's mirrored products.</summary>
public sealed record ProductGridQuery
{
    public required int StoreId { get; init; }
    public ProductStatusFilter Status { get; init; } = ProductStatusFilter.All;

    /// <summary>Matched against title, SKU, vendor, product type and tags (case-insensitive, anywhere in the text).</summary>
    public string? Search { get; init; }

    public ProductSort Sort { get; init; } = ProductSort.Title;
    public bool Descending { get; init; }

    /// <summary>Zero-based page number.</summary>
    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

public enum ProductStatusFilter
{
    All,
    NotSynced,
    Synced,
    Mapped,
    Problems,
}

public enum ProductSort
{
    Title,
    Vendor,
    VariantCount,
    Inventory,
    Status,
    UpdatedAt,
}

public sealed record ProductGridRow(
    long Id,
    long ExternalId,
    string Title,
    string? Vendor,
    string? ThumbnailUrl,
    IReadOnlyList<string> Skus,
    int VariantCount,
    int TotalInventory,
    SyncState SyncState,
    SkuProblem Problem,
    string? ProblemReason);

/// <summary>What the details dialog shows of one product.</summary>
public sealed record ProductDetails(
    long Id,
    long ExternalId,
    string StoreName,
    string Title,
    string? Vendor,
    string? ProductType,
    string? Status,
    IReadOnlyList<string> Tags,
    string? DescriptionHtml,
    IReadOnlyList<MirroredImage> Images,
    IReadOnlyList<MirroredVariant> Variants,
    SyncState SyncState,
    SkuProblem Problem,
    string? ProblemReason,
    LinkedProduct? Link);

/// <summary>The product on the other side of a link.</summary>
public sealed record LinkedProduct(string StoreName, long ExternalId, long? MirroredId, string Title, Linking.LinkKind Kind, DateTimeOffset? LastSyncedAt);

public sealed record ProductGridPage(IReadOnlyList<ProductGridRow> Rows, int TotalCount);

/// <summary>
/// Filters, searches, sorts and pages a store's mirrored products in the database: the grid never
/// loads a catalogue into memory, only the page it shows.
/// </summary>
public sealed class ProductQueryService(IDbContextFactory<SyncDbContext> dbFactory) : IProductQueryService
{
    public const int MaxPageSize = 250;

    public async Task<ProductGridPage> QueryAsync(ProductGridQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var products = Filter(db.Products.AsNoTracking(), query);
        var total = await products.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = await Sort(products, query)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize)
            .Select(p => new { p.Id, p.ExternalId, p.Title, p.Vendor, p.ThumbnailUrl, p.VariantCount, p.TotalInventory, p.SyncState, p.Problem, p.ProblemReason })
            .ToListAsync(cancellationToken);

        var ids = page.Select(p => p.Id).ToList();
        var skus = (await db.Variants.AsNoTracking()
                .Where(v => ids.Contains(v.ProductId) && v.Sku != null && v.Sku != "")
                .OrderBy(v => v.Position)
                .Select(v => new { v.ProductId, v.Sku })
                .ToListAsync(cancellationToken))
            .ToLookup(v => v.ProductId, v => v.Sku!);

        var rows = page.Select(p => new ProductGridRow(p.Id, p.ExternalId, p.Title, p.Vendor, p.ThumbnailUrl, [.. skus[p.Id]],
            p.VariantCount, p.TotalInventory, p.SyncState, p.Problem, p.ProblemReason)).ToList();
        return new ProductGridPage(rows, total);
    }

    /// <summary>The ids of every product the filter and search match (for "select everything that matches").</summary>
    public async Task<IReadOnlyList<long>> MatchingIdsAsync(ProductGridQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Filter(db.Products.AsNoTracking(), query).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The mirrored products of a store whose title or SKU contains <paramref name="term"/> (for pickers).</summary>
    public async Task<IReadOnlyList<ProductGridRow>> FindAsync(int storeId, string? term, int limit = 20, CancellationToken cancellationToken = default) =>
        (await QueryAsync(new ProductGridQuery { StoreId = storeId, Search = term, PageSize = limit }, cancellationToken)).Rows;

    /// <summary>One product with its variants and, when linked, its Destination product; null when gone.</summary>
    public async Task<ProductDetails?> GetDetailsAsync(long productId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().Include(p => p.Variants).FirstOrDefaultAsync(p => p.Id == productId, cancellationToken);
        if (product is null)
        {
            return null;
        }
        var link = await db.ProductLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => (l.SourceStoreId == product.StoreId && l.SourceProductId == product.ExternalId) ||
                                      (l.DestinationStoreId == product.StoreId && l.DestinationProductId == product.ExternalId), cancellationToken);
        LinkedProduct? linked = null;
        if (link is not null)
        {
            var (storeId, externalId) = link.SourceStoreId == product.StoreId && link.SourceProductId == product.ExternalId
                ? (link.DestinationStoreId, link.DestinationProductId)
                : (link.SourceStoreId, link.SourceProductId);
            var other = await db.Products.AsNoTracking().Where(p => p.StoreId == storeId && p.ExternalId == externalId)
                .Select(p => new { p.Id, p.Title }).FirstOrDefaultAsync(cancellationToken);
            var store = await db.StoreConnections.AsNoTracking().Where(c => c.Id == storeId).Select(c => c.Name).FirstAsync(cancellationToken);
            linked = new LinkedProduct(store, externalId, other?.Id, other?.Title ?? "(not mirrored yet)", link.Kind, link.LastSyncedAt);
        }
        var storeName = await db.StoreConnections.AsNoTracking().Where(c => c.Id == product.StoreId).Select(c => c.Name).FirstAsync(cancellationToken);
        var images = System.Text.Json.JsonSerializer.Deserialize<List<MirroredImage>>(product.ImagesJson) ?? [];
        var tags = product.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new ProductDetails(product.Id, product.ExternalId, storeName, product.Title, product.Vendor, product.ProductType, product.Status,
            tags, product.DescriptionHtml, images, [.. product.Variants.OrderBy(v => v.Position)], product.SyncState, product.Problem, product.ProblemReason, linked);
    }

    private static IQueryable<MirroredProduct> Filter(IQueryable<MirroredProduct> products, ProductGridQuery query)
    {
        products = products.Where(p => p.StoreId == query.StoreId);
        products = query.Status switch
        {
            ProductStatusFilter.NotSynced => products.Where(p => p.SyncState == SyncState.NotSynced),
            ProductStatusFilter.Synced => products.Where(p => p.SyncState == SyncState.Synced),
            ProductStatusFilter.Mapped => products.Where(p => p.SyncState == SyncState.Mapped),
            ProductStatusFilter.Problems => products.Where(p => p.Problem != SkuProblem.None),
            _ => products,
        };
        products = products.Matching(query.Search);
        return products;
    }

    private static IQueryable<MirroredProduct> Sort(IQueryable<MirroredProduct> products, ProductGridQuery query) =>
        (query.Sort, query.Descending) switch
        {
            (ProductSort.Vendor, false) => products.OrderBy(p => p.Vendor).ThenBy(p => p.Id),
            (ProductSort.Vendor, true) => products.OrderByDescending(p => p.Vendor).ThenBy(p => p.Id),
            (ProductSort.VariantCount, false) => products.OrderBy(p => p.VariantCount).ThenBy(p => p.Id),
            (ProductSort.VariantCount, true) => products.OrderByDescending(p => p.VariantCount).ThenBy(p => p.Id),
            (ProductSort.Inventory, false) => products.OrderBy(p => p.TotalInventory).ThenBy(p => p.Id),
            (ProductSort.Inventory, true) => products.OrderByDescending(p => p.TotalInventory).ThenBy(p => p.Id),
            (ProductSort.Status, false) => products.OrderBy(p => p.SyncState).ThenBy(p => p.Title),
            (ProductSort.Status, true) => products.OrderByDescending(p => p.SyncState).ThenBy(p => p.Title),
            (ProductSort.UpdatedAt, false) => products.OrderBy(p => p.StoreUpdatedAt).ThenBy(p => p.Id),
            (ProductSort.UpdatedAt, true) => products.OrderByDescending(p => p.StoreUpdatedAt).ThenBy(p => p.Id),
            (_, true) => products.OrderByDescending(p => p.Title).ThenBy(p => p.Id),
            _ => products.OrderBy(p => p.Title).ThenBy(p => p.Id),
        };
}
