using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Products;

/// <summary>What the product grid asks for: one page of one store's mirrored products.</summary>
public sealed record ProductGridQuery
{
    /// <summary>The store whose products are listed; null for every Source store at once ("All Sources").</summary>
    public required int? StoreId { get; init; }

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

    /// <summary>Linked products whose link is out of step or being repaired.</summary>
    OutOfStep,

    /// <summary>Products with a SKU used twice: within the product or by another product of the same store.</summary>
    DuplicateSkus,
}

public enum ProductSort
{
    Title,
    Vendor,
    VariantCount,
    Inventory,
    Status,
    LastSynced,
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
    string? ProblemReason,
    LinkState? LinkState = null,
    string? LinkStateReason = null,
    DateTimeOffset? LastSyncedAt = null,
    int StoreId = 0,
    LinkedProductRef? LinkedTo = null);

/// <summary>
/// The product on the other side of a row's link: for a Source product its Destination copy, for a
/// Destination product the Source product it follows.
/// </summary>
/// <param name="MirroredId">Its id in the mirror; null while its store has not been read since the link was made.</param>
public sealed record LinkedProductRef(int StoreId, string StoreName, long ExternalId, long? MirroredId, string Title);

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
    LinkedProduct? Link,
    bool IsDestination = false);

/// <summary>
/// The product on the other side of a link, the link's state and its variant pairs side by side.
/// </summary>
/// <param name="DestinationAdminUrl">The Destination product in its store's admin.</param>
public sealed record LinkedProduct(
    string StoreName,
    long ExternalId,
    long? MirroredId,
    string Title,
    LinkKind Kind,
    LinkState State,
    string? StateReason,
    DateTimeOffset? LastVerifiedAt,
    DateTimeOffset? LastChangedAt,
    Uri? DestinationAdminUrl,
    IReadOnlyList<VariantPairView> Pairs,
    string? Status = null);

/// <summary>
/// One variant pair, Source beside Destination: quantities (the Source's under the stock rule as last
/// read, the Destination's at its location), prices and whether the stock is tracked. Null where unknown.
/// </summary>
public sealed record VariantPairView(
    string? Sku,
    string? SourceTitle,
    int? SourceQuantity,
    decimal? SourcePrice,
    decimal? SourceCompareAtPrice,
    bool SourceTracked,
    string? DestinationTitle,
    int? DestinationQuantity,
    decimal? DestinationPrice,
    decimal? DestinationCompareAtPrice)
{
    /// <summary>Whether the two quantities are known and differ.</summary>
    public bool QuantityDiffers => SourceTracked && SourceQuantity is not null && DestinationQuantity is not null && SourceQuantity != DestinationQuantity;
}

/// <summary>A selected product as a confirmation names it (a row of "select all matching" that is not on screen).</summary>
public sealed record ProductSelectionItem(long Id, string Title, SyncState SyncState);

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
        var products = db.Products.AsNoTracking().Filtered(query, db.StoreConnections);
        var total = await products.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = products.Sorted(query)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize);
        var rows = await RowsAsync(db, page, cancellationToken);
        return new ProductGridPage(rows, total);
    }

    /// <summary>The grid's rows of the products <paramref name="products"/> selects, in its order: SKUs and linked products read per page.</summary>
    private static async Task<IReadOnlyList<ProductGridRow>> RowsAsync(SyncDbContext db, IQueryable<MirroredProduct> products, CancellationToken cancellationToken)
    {
        var page = await products
            .Select(p => new { p.Id, p.StoreId, p.ExternalId, p.Title, p.Vendor, p.ThumbnailUrl, p.VariantCount, p.TotalInventory, p.SyncState, p.Problem, p.ProblemReason,
                p.LinkState, p.LinkStateReason, p.LastSyncedAt })
            .ToListAsync(cancellationToken);

        var ids = page.Select(p => p.Id).ToList();
        var skus = (await db.Variants.AsNoTracking()
                .Where(v => ids.Contains(v.ProductId) && v.Sku != null && v.Sku != "")
                .OrderBy(v => v.Position)
                .Select(v => new { v.ProductId, v.Sku })
                .ToListAsync(cancellationToken))
            .ToLookup(v => v.ProductId, v => v.Sku!);
        var linked = await LinkedToAsync(db, [.. page.Where(p => p.SyncState != SyncState.NotSynced).Select(p => (p.StoreId, p.ExternalId))], cancellationToken);

        return [.. page.Select(p => new ProductGridRow(p.Id, p.ExternalId, p.Title, p.Vendor, p.ThumbnailUrl, [.. skus[p.Id]],
            p.VariantCount, p.TotalInventory, p.SyncState, p.Problem, p.ProblemReason, p.LinkState, p.LinkStateReason, p.LastSyncedAt,
            p.StoreId, linked.GetValueOrDefault((p.StoreId, p.ExternalId))))];
    }

    /// <summary>For each (store, product id) of a page: the product on the other side of its link, from either side.</summary>
    private static async Task<Dictionary<(int StoreId, long ExternalId), LinkedProductRef>> LinkedToAsync(SyncDbContext db,
        IReadOnlyList<(int StoreId, long ExternalId)> products, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(int, long), LinkedProductRef>();
        if (products.Count == 0)
        {
            return result;
        }
        var externalIds = products.Select(p => p.ExternalId).Distinct().ToList();
        var links = await db.ProductLinks.AsNoTracking()
            .Where(l => externalIds.Contains(l.SourceProductId) || externalIds.Contains(l.DestinationProductId))
            .Select(l => new { l.SourceStoreId, l.SourceProductId, l.DestinationStoreId, l.DestinationProductId })
            .ToListAsync(cancellationToken);
        var wanted = products.ToHashSet();
        var others = new List<((int, long) Row, (int StoreId, long ExternalId) Other)>();
        foreach (var link in links)
        {
            if (wanted.Contains((link.SourceStoreId, link.SourceProductId)))
            {
                others.Add(((link.SourceStoreId, link.SourceProductId), (link.DestinationStoreId, link.DestinationProductId)));
            }
            if (wanted.Contains((link.DestinationStoreId, link.DestinationProductId)))
            {
                others.Add(((link.DestinationStoreId, link.DestinationProductId), (link.SourceStoreId, link.SourceProductId)));
            }
        }
        var otherIds = others.Select(o => o.Other.ExternalId).Distinct().ToList();
        var mirrored = (await db.Products.AsNoTracking().Where(p => otherIds.Contains(p.ExternalId))
                .Select(p => new { p.Id, p.StoreId, p.ExternalId, p.Title }).ToListAsync(cancellationToken))
            .ToDictionary(p => (p.StoreId, p.ExternalId));
        var storeNames = await db.StoreConnections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        foreach (var (row, other) in others)
        {
            var product = mirrored.GetValueOrDefault(other);
            result[row] = new LinkedProductRef(other.StoreId, storeNames.GetValueOrDefault(other.StoreId) ?? "(disconnected store)", other.ExternalId,
                product?.Id, product?.Title ?? $"Product {other.ExternalId} (not read yet)");
        }
        return result;
    }

    /// <summary>
    /// Every product the filter and search match (for "select all matching"), in the query's order, each
    /// with only its id, store id, title and sync state: enough to name them in a confirmation.
    /// </summary>
    public async Task<IReadOnlyList<ProductSelectionItem>> MatchingAsync(ProductGridQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking().Filtered(query, db.StoreConnections).Sorted(query)
            .Select(p => new ProductSelectionItem(p.Id, p.Title, p.SyncState))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The mirrored products of a store whose title or SKU contains <paramref name="term"/> (for pickers).</summary>
    public async Task<IReadOnlyList<ProductGridRow>> FindAsync(int storeId, string? term, int limit = 20, CancellationToken cancellationToken = default) =>
        (await QueryAsync(new ProductGridQuery { StoreId = storeId, Search = term, PageSize = limit }, cancellationToken)).Rows;

    public async Task<IReadOnlyList<ProductGridRow>> SourceCandidatesAsync(long destinationProductId, int limit = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var skus = await db.Variants.AsNoTracking()
            .Where(v => v.ProductId == destinationProductId && v.NormalizedSku != null)
            .Select(v => v.NormalizedSku!).Distinct().ToListAsync(cancellationToken);
        if (skus.Count == 0)
        {
            return [];
        }
        var shared = await db.Variants.AsNoTracking()
            .Where(v => skus.Contains(v.NormalizedSku!) && db.StoreConnections.Any(c => c.Id == v.StoreId && c.Role == StoreRole.Source))
            .Join(db.Products.Where(p => p.SyncState == SyncState.NotSynced), v => v.ProductId, p => p.Id, (v, p) => new { p.Id, v.NormalizedSku })
            .GroupBy(x => x.Id)
            .Select(g => new { Id = g.Key, Shared = g.Select(x => x.NormalizedSku).Distinct().Count() })
            .OrderByDescending(x => x.Shared).ThenBy(x => x.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var ids = shared.Select(s => s.Id).ToList();
        var rows = (await RowsAsync(db, db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)), cancellationToken)).ToDictionary(r => r.Id);
        return [.. ids.Select(id => rows[id])];
    }

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
            var isSource = link.SourceStoreId == product.StoreId && link.SourceProductId == product.ExternalId;
            var (storeId, externalId) = isSource ? (link.DestinationStoreId, link.DestinationProductId) : (link.SourceStoreId, link.SourceProductId);
            var other = await db.Products.AsNoTracking().Include(p => p.Variants).FirstOrDefaultAsync(p => p.StoreId == storeId && p.ExternalId == externalId, cancellationToken);
            var store = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == storeId, cancellationToken);
            var destinationStore = isSource ? store : await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == link.DestinationStoreId, cancellationToken);
            var pairs = await db.VariantLinks.AsNoTracking().Where(v => v.ProductLinkId == link.Id).ToListAsync(cancellationToken);
            var sourceVariants = (isSource ? product.Variants : other?.Variants ?? []).ToDictionary(v => v.ExternalId);
            var destinationVariants = (isSource ? other?.Variants ?? [] : product.Variants).ToDictionary(v => v.ExternalId);
            var views = pairs.OrderBy(pair => sourceVariants.GetValueOrDefault(pair.SourceVariantId)?.Position ?? int.MaxValue).Select(pair =>
            {
                var from = sourceVariants.GetValueOrDefault(pair.SourceVariantId);
                var to = destinationVariants.GetValueOrDefault(pair.DestinationVariantId);
                return new VariantPairView(pair.Sku ?? from?.Sku, from?.Title, pair.SourceAvailable ?? from?.Quantity, from?.Price, from?.CompareAtPrice, from?.Tracked ?? true,
                    to?.Title, pair.DestinationAvailable ?? to?.Quantity, to?.Price, to?.CompareAtPrice);
            }).ToList();
            linked = new LinkedProduct(store.Name, externalId, other?.Id, other?.Title ?? "(not mirrored yet)", link.Kind, link.State, link.StateReason,
                link.LastVerifiedAt, link.LastChangedAt, AdminUrl(destinationStore.BaseUrl, link.DestinationProductId), views, other?.Status);
        }
        var ownStore = await db.StoreConnections.AsNoTracking().Where(c => c.Id == product.StoreId).Select(c => new { c.Name, c.Role }).FirstAsync(cancellationToken);
        var storeName = ownStore.Name;
        var images = System.Text.Json.JsonSerializer.Deserialize<List<MirroredImage>>(product.ImagesJson) ?? [];
        var tags = product.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new ProductDetails(product.Id, product.ExternalId, storeName, product.Title, product.Vendor, product.ProductType, product.Status,
            tags, product.DescriptionHtml, images, [.. product.Variants.OrderBy(v => v.Position)], product.SyncState, product.Problem, product.ProblemReason, linked,
            ownStore.Role == StoreRole.Destination);
    }

    /// <summary>A product's page in its store's admin (<c>{store}/admin/products/{id}</c>, as Shopify's admin addresses it).</summary>
    public static Uri? AdminUrl(string storeBaseUrl, long productId) =>
        Uri.TryCreate($"{storeBaseUrl.TrimEnd('/')}/admin/products/{productId}", UriKind.Absolute, out var url) ? url : null;
}
