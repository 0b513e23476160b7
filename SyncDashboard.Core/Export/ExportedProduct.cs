using SyncDashboard.Core.Catalogue;

namespace SyncDashboard.Core.Export;

/// <summary>What the products export reads of one mirrored product (its SKUs are read per batch of products).</summary>
/// <param name="Id">The mirror's row id.</param>
/// <param name="ExternalId">The product's id in its store.</param>
/// <param name="StoreId">Its store (named in the last column, for an export of All Sources).</param>
internal sealed record ExportedProduct(
    long Id,
    long ExternalId,
    string Title,
    string? Vendor,
    int VariantCount,
    int TotalInventory,
    SyncState SyncState,
    SkuProblem Problem,
    string? ProblemReason,
    LinkState? LinkState,
    DateTimeOffset? LastSyncedAt,
    int StoreId);
