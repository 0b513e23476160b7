namespace SyncDashboard.Core.Products;

/// <summary>The mirrored catalogues as the dashboard reads them: grid pages, searches and one product's details.</summary>
public interface IProductQueryService
{
    /// <summary>One page of a store's products, filtered, searched and sorted in the database.</summary>
    Task<ProductGridPage> QueryAsync(ProductGridQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every product the query's filter and search match (all pages), named, in the query's order.</summary>
    Task<IReadOnlyList<ProductSelectionItem>> MatchingAsync(ProductGridQuery query, CancellationToken cancellationToken = default);

    /// <summary>The first products of a store whose title, SKU, vendor or tag match <paramref name="term"/>.</summary>
    Task<IReadOnlyList<ProductGridRow>> FindAsync(int storeId, string? term, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>
    /// The Source products (of every Source) not linked yet that share a SKU with a Destination product, most shared SKUs
    /// first: who could be mapped to it. Empty when it has no SKU or none is shared.
    /// </summary>
    Task<IReadOnlyList<ProductGridRow>> SourceCandidatesAsync(long destinationProductId, int limit = 20, CancellationToken cancellationToken = default);

    Task<ProductDetails?> GetDetailsAsync(long productId, CancellationToken cancellationToken = default);
}
