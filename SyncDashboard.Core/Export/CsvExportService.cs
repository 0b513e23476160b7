using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Products;

namespace SyncDashboard.Core.Export;

/// <summary>
/// Writes the exports with CsvHelper (<see cref="CsvExportFormat"/>), streaming: products and Activity entries are read
/// with <c>AsAsyncEnumerable</c> (not tracked, in the page's order) and written as they arrive; a product's SKUs are read
/// for <see cref="SkuBatchSize"/> products at a time. Memory stays flat however many rows there are. The filters are the
/// pages' own (<see cref="ProductGridFiltering"/>, <see cref="ActivityFiltering"/>).
/// </summary>
public sealed class CsvExportService(IDbContextFactory<SyncDbContext> dbFactory, IJobService jobs, TimeProvider time) : ICsvExportService
{
    /// <summary>How many products' SKUs are read in one query.</summary>
    internal const int SkuBatchSize = 500;

    /// <summary>How the SKUs of one product are joined in its cell.</summary>
    public const string SkuSeparator = "; ";

    /// <summary>The longest part a store's name gives a file name (in characters).</summary>
    private const int MaxNameLength = 60;

    public async Task<CsvExport?> ProductsAsync(ProductGridQuery query, CancellationToken cancellationToken = default)
    {
        string? storePart = "all-sources";
        if (query.StoreId is { } storeId)
        {
            if (await StoreNameAsync(storeId, cancellationToken) is not { } storeName)
            {
                return null;
            }
            storePart = Slug(storeName, storeId);
        }
        return new CsvExport(FileName(storePart, "products"),
            ["Product ID", "Title", "Vendor", "SKUs", "Variants", "Inventory", "Status", "Problem", "Link state", "Last synced", "Store"],
            (csv, token) => WriteProductsAsync(csv, query, token));
    }

    public async Task<CsvExport?> ActivityAsync(ActivityQuery query, CancellationToken cancellationToken = default)
    {
        string? storePart = null;
        if (query.StoreId is { } storeId)
        {
            if (await StoreNameAsync(storeId, cancellationToken) is not { } storeName)
            {
                return null;
            }
            storePart = Slug(storeName, storeId);
        }
        return new CsvExport(FileName("activity-log", storePart),
            ["Time", "Severity", "Kind", "Store", "Product", "SKU", "Message", "Who"],
            (csv, token) => WriteActivityAsync(csv, query, token));
    }

    public async Task<CsvExport?> MappingReportAsync(Guid? jobId, MappingOutcome? outcome = null, CancellationToken cancellationToken = default)
    {
        var id = jobId ?? (await jobs.ListRecentAsync(cancellationToken: cancellationToken)).FirstOrDefault(j => j.Kind == JobKind.BulkMap)?.Id;
        if (id is not { } reportJob || await jobs.GetMappingReportAsync(reportJob, cancellationToken) is not { } report)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Every store, disconnected ones too: a report names the Sources as they were when it ran.
        var stores = await db.StoreConnections.AsNoTracking().Select(c => new { c.Id, c.Name, c.Role }).ToListAsync(cancellationToken);
        var names = stores.ToDictionary(s => s.Id, s => s.Name);
        var destination = stores.FirstOrDefault(s => s.Role == StoreRole.Destination);
        return new CsvExport(FileName("bulk-mapper", report.DryRun ? "dry-run" : "report", destination is null ? null : Slug(destination.Name, destination.Id)),
            ["Destination product ID", "Destination product", "Outcome", "Reason", "Source store", "Source product ID", "Source product"],
            (csv, token) => WriteMappingReportAsync(csv, report, outcome, names, token));
    }

    private async Task<long> WriteProductsAsync(CsvWriter csv, ProductGridQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A second context for the SKUs: the first one's reader stays open while products stream. Its connection is opened
        // (and set up) before that reader starts, as SQLite sets a connection up only while none of its statements runs.
        await using var variantsDb = await dbFactory.CreateDbContextAsync(cancellationToken);
        await variantsDb.Database.OpenConnectionAsync(cancellationToken);
        // The stores' names (a handful), read before the products stream: an export of All Sources says each product's.
        var storeNames = await variantsDb.StoreConnections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var products = db.Products.AsNoTracking().Filtered(query, db.StoreConnections).Sorted(query)
            .Select(p => new ExportedProduct(p.Id, p.ExternalId, p.Title, p.Vendor, p.VariantCount, p.TotalInventory, p.SyncState, p.Problem,
                p.ProblemReason, p.LinkState, p.LastSyncedAt, p.StoreId))
            .AsAsyncEnumerable();
        var batch = new List<ExportedProduct>(SkuBatchSize);
        long rows = 0;
        await foreach (var product in products.WithCancellation(cancellationToken))
        {
            batch.Add(product);
            if (batch.Count == SkuBatchSize)
            {
                await WriteBatchAsync();
            }
        }
        await WriteBatchAsync();
        return rows;

        async Task WriteBatchAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }
            var ids = batch.Select(p => p.Id).ToList();
            var skus = (await variantsDb.Variants.AsNoTracking()
                    .Where(v => ids.Contains(v.ProductId) && v.Sku != null && v.Sku != "")
                    .OrderBy(v => v.ProductId).ThenBy(v => v.Position)
                    .Select(v => new { v.ProductId, v.Sku })
                    .ToListAsync(cancellationToken))
                .ToLookup(v => v.ProductId, v => v.Sku!);
            foreach (var p in batch)
            {
                csv.WriteField(CsvExportFormat.Number(p.ExternalId));
                csv.WriteField(p.Title);
                csv.WriteField(p.Vendor ?? "");
                csv.WriteField(string.Join(SkuSeparator, skus[p.Id]));
                csv.WriteField(CsvExportFormat.Number(p.VariantCount));
                csv.WriteField(CsvExportFormat.Number(p.TotalInventory));
                csv.WriteField(p.SyncState.Words());
                csv.WriteField(p.Problem == SkuProblem.None ? "" : p.ProblemReason ?? p.Problem.Words());
                csv.WriteField(p.LinkState?.Words() ?? "");
                csv.WriteField(CsvExportFormat.Instant(p.LastSyncedAt));
                csv.WriteField(storeNames.GetValueOrDefault(p.StoreId, ""));
                await CsvExport.EndRowAsync(csv, ++rows, cancellationToken);
            }
            batch.Clear();
        }
    }

    private async Task<long> WriteActivityAsync(CsvWriter csv, ActivityQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.MatchingActivity(query).NewestFirst()
            .Select(e => new { e.At, e.Severity, e.Kind, e.StoreName, e.ProductTitle, e.Sku, e.Message, e.User })
            .AsAsyncEnumerable();
        long rows = 0;
        await foreach (var e in entries.WithCancellation(cancellationToken))
        {
            csv.WriteField(CsvExportFormat.Instant(e.At));
            csv.WriteField(e.Severity.ToString());
            csv.WriteField(e.Kind.Words());
            csv.WriteField(e.StoreName ?? "");
            csv.WriteField(e.ProductTitle ?? "");
            csv.WriteField(e.Sku ?? "");
            csv.WriteField(e.Message);
            csv.WriteField(e.User ?? ActivityQuery.SystemUser);
            await CsvExport.EndRowAsync(csv, ++rows, cancellationToken);
        }
        return rows;
    }

    private static async Task<long> WriteMappingReportAsync(CsvWriter csv, MappingReport report, MappingOutcome? outcome,
        IReadOnlyDictionary<int, string> storeNames, CancellationToken cancellationToken)
    {
        long rows = 0;
        foreach (var line in report.Lines.Where(l => outcome is null || l.Outcome == outcome))
        {
            csv.WriteField(CsvExportFormat.Number(line.DestinationProductId));
            csv.WriteField(line.DestinationTitle);
            csv.WriteField(line.Outcome.Words());
            csv.WriteField(line.Reason);
            csv.WriteField(line.SourceStoreId is { } storeId ? storeNames.GetValueOrDefault(storeId, $"Store {storeId}") : "");
            csv.WriteField(line.SourceProductId is { } sourceId ? CsvExportFormat.Number(sourceId) : "");
            csv.WriteField(line.SourceTitle ?? "");
            await CsvExport.EndRowAsync(csv, ++rows, cancellationToken);
        }
        return rows;
    }

    private async Task<string?> StoreNameAsync(int storeId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.StoreConnections.AsNoTracking().Where(c => c.Id == storeId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The parts joined by hyphens, then today's UTC date and <c>.csv</c>: <c>urban-threads-products-2026-11-30.csv</c>.</summary>
    private string FileName(params string?[] parts) =>
        string.Join('-', parts.Where(p => !string.IsNullOrEmpty(p)).Append(time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) + ".csv";

    /// <summary>
    /// A store's name as part of a file name: ASCII letters (lower case) and digits, anything else a hyphen, at most
    /// <see cref="MaxNameLength"/> characters; <c>store-{id}</c> when nothing is left (a name in another script).
    /// </summary>
    internal static string Slug(string name, int storeId)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-'); // accents are dropped (é -> e); every other run of characters is one hyphen
            }
        }
        var text = slug.ToString().TrimEnd('-');
        text = text.Length > MaxNameLength ? text[..MaxNameLength].TrimEnd('-') : text;
        return text.Length > 0 ? text : $"store-{storeId.ToString(CultureInfo.InvariantCulture)}";
    }
}
