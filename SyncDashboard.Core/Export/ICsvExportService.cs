using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Products;

namespace SyncDashboard.Core.Export;

/// <summary>
/// CSV exports of what the dashboard lists, under the filters its pages show: a store's products (the grid), the
/// Activity Log, and a Bulk Mapper report. Each call checks what it is asked for and answers with a
/// <see cref="CsvExport"/> to write, or null when the thing asked for does not exist; the rows are read while written.
/// </summary>
public interface ICsvExportService
{
    /// <summary>
    /// A store's products under the grid's filter, search and sort (<paramref name="query"/>'s paging ignored), one row each:
    /// Product ID (the store's), Title, Vendor, SKUs (the variants', in order, joined by "; "), Variants, Inventory (summed
    /// over variants), Status (Not synced, Synced, Mapped), Problem (why, in words; empty when none), Link state (In step,
    /// Repairing, Out of step; empty when not linked), Last synced (ISO 8601 UTC; empty when never).
    /// </summary>
    /// <returns>Null when no store has the id <see cref="ProductGridQuery.StoreId"/>.</returns>
    Task<CsvExport?> ProductsAsync(ProductGridQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The Activity Log under <paramref name="query"/>'s filters (its paging ignored), newest first, one row each: Time (ISO 8601
    /// UTC), Severity, Kind (in words), Store, Product, SKU, Message, Who (a user name, or System).
    /// </summary>
    /// <returns>Null when <see cref="ActivityQuery.StoreId"/> is set and no store has that id.</returns>
    Task<CsvExport?> ActivityAsync(ActivityQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// A Bulk Mapper report, its lines with <paramref name="outcome"/> only when given, in the report's order: Destination
    /// product ID, Destination product, Outcome (in words), Reason, Source store, Source product ID, Source product.
    /// </summary>
    /// <param name="jobId">The bulk map job whose report to write; null for the latest bulk map job's.</param>
    /// <returns>Null when there is no such report (no such job, not finished, or older than the newest <see cref="Jobs.JobService.ReportsKept"/>).</returns>
    Task<CsvExport?> MappingReportAsync(Guid? jobId, MappingOutcome? outcome = null, CancellationToken cancellationToken = default);
}
