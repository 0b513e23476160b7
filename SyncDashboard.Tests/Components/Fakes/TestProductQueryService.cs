using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Products;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>
/// Serves rows a test puts in <see cref="Rows"/> (per store, paged as asked) and records every
/// query, so a test can check that the page's filter, search and sort reach the core service.
/// </summary>
public sealed class TestProductQueryService : IProductQueryService
{
    public Dictionary<int, List<ProductGridRow>> Rows { get; } = [];
    public Dictionary<long, ProductDetails> Details { get; } = [];
    public List<ProductGridQuery> Queries { get; } = [];
    public List<(int StoreId, string? Term)> Finds { get; } = [];

    public ProductGridQuery LastQuery => Queries[^1];

    public Task<ProductGridPage> QueryAsync(ProductGridQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        var rows = RowsOf(query.StoreId).Where(r => query.Status switch
        {
            ProductStatusFilter.Synced => r.SyncState == SyncDashboard.Core.Catalogue.SyncState.Synced,
            ProductStatusFilter.Mapped => r.SyncState == SyncDashboard.Core.Catalogue.SyncState.Mapped,
            _ => true, // the other filters are the real service's (Engine/ProductQueryTests)
        }).ToList();
        return Task.FromResult(new ProductGridPage([.. rows.Skip(query.Page * query.PageSize).Take(query.PageSize)], rows.Count));
    }

    public Task<IReadOnlyList<ProductSelectionItem>> MatchingAsync(ProductGridQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        return Task.FromResult<IReadOnlyList<ProductSelectionItem>>([.. RowsOf(query.StoreId).Select(r => new ProductSelectionItem(r.Id, r.Title, r.SyncState))]);
    }

    /// <summary>One store's rows, or every store's for "All Sources" (null), each carrying its store's id.</summary>
    private IEnumerable<ProductGridRow> RowsOf(int? storeId) => storeId is { } id
        ? Rows.GetValueOrDefault(id) ?? []
        : Rows.SelectMany(r => r.Value.Select(row => row with { StoreId = r.Key }));

    public Task<IReadOnlyList<ProductGridRow>> FindAsync(int storeId, string? term, int limit = 20, CancellationToken cancellationToken = default)
    {
        Finds.Add((storeId, term));
        var rows = (Rows.GetValueOrDefault(storeId) ?? [])
            .Where(r => string.IsNullOrEmpty(term) || r.Title.Contains(term, StringComparison.OrdinalIgnoreCase))
            .Take(limit);
        return Task.FromResult<IReadOnlyList<ProductGridRow>>([.. rows]);
    }

    /// <summary>What <see cref="SourceCandidatesAsync"/> gives per Destination product, as a test sets it.</summary>
    public Dictionary<long, List<ProductGridRow>> SourceCandidates { get; } = [];

    public Task<IReadOnlyList<ProductGridRow>> SourceCandidatesAsync(long destinationProductId, int limit = 20, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ProductGridRow>>([.. SourceCandidates.GetValueOrDefault(destinationProductId) ?? []]);

    public Task<ProductDetails?> GetDetailsAsync(long productId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Details.GetValueOrDefault(productId));
}
