using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Products;

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

    /// <summary>Linked products whose link is out of step or being repaired.</summary>
    OutOfStep,
}

public enum ProductSort
{
    Title,
    Vendor,
    VariantCount,
    Inventory,
    Status,
    UpdatedAt,
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
    DateTimeOffset? LastSyncedAt = null);

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
    IReadOnlyList<VariantPairView> Pairs);

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
        var products = db.Products.AsNoTracking().Filtered(query);
        var total = await products.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = await products.Sorted(query)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize)
            .Select(p => new { p.Id, p.ExternalId, p.Title, p.Vendor, p.ThumbnailUrl, p.VariantCount, p.TotalInventory, p.SyncState, p.Problem, p.ProblemReason,
                p.LinkState, p.LinkStateReason, p.LastSyncedAt })
            .ToListAsync(cancellationToken);

        var ids = page.Select(p => p.Id).ToList();
        var skus = (await db.Variants.AsNoTracking()
                .Where(v => ids.Contains(v.ProductId) && v.Sku != null && v.Sku != "")
                .OrderBy(v => v.Position)
                .Select(v => new { v.ProductId, v.Sku })
                .ToListAsync(cancellationToken))
            .ToLookup(v => v.ProductId, v => v.Sku!);

        var rows = page.Select(p => new ProductGridRow(p.Id, p.ExternalId, p.Title, p.Vendor, p.ThumbnailUrl, [.. skus[p.Id]],
            p.VariantCount, p.TotalInventory, p.SyncState, p.Problem, p.ProblemReason, p.LinkState, p.LinkStateReason, p.LastSyncedAt)).ToList();
        return new ProductGridPage(rows, total);
    }

    /// <summary>The ids of every product the filter and search match (for "select everything that matches").</summary>
    public async Task<IReadOnlyList<long>> MatchingIdsAsync(ProductGridQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking().Filtered(query).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
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
                link.LastVerifiedAt, link.LastChangedAt, AdminUrl(destinationStore.BaseUrl, link.DestinationProductId), views);
        }
        var storeName = await db.StoreConnections.AsNoTracking().Where(c => c.Id == product.StoreId).Select(c => c.Name).FirstAsync(cancellationToken);
        var images = System.Text.Json.JsonSerializer.Deserialize<List<MirroredImage>>(product.ImagesJson) ?? [];
        var tags = product.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new ProductDetails(product.Id, product.ExternalId, storeName, product.Title, product.Vendor, product.ProductType, product.Status,
            tags, product.DescriptionHtml, images, [.. product.Variants.OrderBy(v => v.Position)], product.SyncState, product.Problem, product.ProblemReason, linked);
    }

    /// <summary>A product's page in its store's admin (<c>{store}/admin/products/{id}</c>, as Shopify's admin addresses it).</summary>
    public static Uri? AdminUrl(string storeBaseUrl, long productId) =>
        Uri.TryCreate($"{storeBaseUrl.TrimEnd('/')}/admin/products/{productId}", UriKind.Absolute, out var url) ? url : null;
}
