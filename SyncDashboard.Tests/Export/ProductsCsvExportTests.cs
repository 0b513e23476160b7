using System.Text;
using Microsoft.Extensions.Time.Testing;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Export;
using SyncDashboard.Core.Products;
using SyncDashboard.Tests.Components.Fakes;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Export;

/// <summary>
/// The products export: the grid's filter, search and sort (the same query as the grid's pages), its columns in words,
/// formula cells neutralised by CsvHelper, and awkward titles surviving a round trip.
/// </summary>
public sealed class ProductsCsvExportTests : IDisposable
{
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    private const string Awkward = "Tote, \"Canvas\"\nLarge";

    private readonly InMemoryDatabase _database = new();
    private readonly CsvExportService _exports;
    private readonly int _urbanId;

    public ProductsCsvExportTests()
    {
        _exports = new CsvExportService(_database.Factory, new TestJobService(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero)));
        using var db = _database.Factory.CreateDbContext();
        var urban = ExportSeed.Store(db, "Urban Threads");
        var hearth = ExportSeed.Store(db, "Hearth & Home");
        _urbanId = urban.Id;
        ExportSeed.Product(db, urban.Id, 1001, "Linen Shirt", [("LS-S", 3), ("LS-M", -5)], p =>
        {
            p.Vendor = "Acme";
            p.SyncState = SyncState.Synced;
            p.LinkState = LinkState.InStep;
            p.LastSyncedAt = new DateTimeOffset(2026, 11, 30, 15, 5, 9, TimeSpan.FromHours(1));
        });
        ExportSeed.Product(db, urban.Id, 1002, Formula, [("DUP-1", 4)], p =>
        {
            p.Vendor = "@evil";
            p.Problem = SkuProblem.DuplicateSku;
            p.ProblemReason = "SKU DUP-1 is used more than once in Urban Threads.";
        });
        ExportSeed.Product(db, urban.Id, 1003, Awkward, [("TOTE-L", 7)], p =>
        {
            p.SyncState = SyncState.Mapped;
            p.LinkState = LinkState.OutOfStep;
        });
        ExportSeed.Product(db, urban.Id, 1004, "Wool Beanie", [(null, 2), ("WB-2", 1)], p =>
        {
            p.Problem = SkuProblem.MissingSku;
            p.ProblemReason = "1 of 2 variants has no SKU.";
        });
        ExportSeed.Product(db, hearth.Id, 2001, "Desk Lamp", [("DL-1", 9)]);
    }

    public void Dispose() => _database.Dispose();

    private async Task<List<string[]>> ExportAsync(ProductGridQuery query)
    {
        var export = await _exports.ProductsAsync(query);
        Assert.NotNull(export);
        var (bytes, rows) = await ExportCsv.WriteAsync(export);
        var parsed = ExportCsv.Parse(bytes);
        Assert.Equal(parsed.Count - 1, rows);
        return parsed;
    }

    [Fact]
    public async Task EveryProductOfTheStoreInTheGridsOrderWithItsColumnsInWords()
    {
        var rows = await ExportAsync(new ProductGridQuery { StoreId = _urbanId });

        Assert.Equal(["Product ID", "Title", "Vendor", "SKUs", "Variants", "Inventory", "Status", "Problem", "Link state", "Last synced", "Store"], rows[0]);
        Assert.Equal(["1002", "1001", "1003", "1004"], rows.Skip(1).Select(r => r[0])); // by title, as the grid: "=" sorts before letters; never the other store's
        Assert.Equal(["1001", "Linen Shirt", "Acme", "LS-S; LS-M", "2", "-2", "Synced", "", "In step", "2026-11-30T14:05:09Z", "Urban Threads"], rows[2]);
        Assert.Equal(["1004", "Wool Beanie", "", "WB-2", "2", "3", "Not synced", "1 of 2 variants has no SKU.", "", "", "Urban Threads"], rows[4]);
        Assert.Equal(["Mapped", "", "Out of step"], rows[3][6..9]); // a mapped product out of step, no problem
    }

    [Fact]
    public async Task AllSourcesExportsEverySourcesProductsEachNamingItsStore()
    {
        var export = await _exports.ProductsAsync(new ProductGridQuery { StoreId = null });
        Assert.NotNull(export);
        Assert.StartsWith("all-sources-products-", export.FileName, StringComparison.Ordinal);
        var rows = await ExportAsync(new ProductGridQuery { StoreId = null });

        Assert.Equal(5, rows.Count - 1);
        Assert.Equal(("Desk Lamp", "Hearth & Home"), (rows.Single(r => r[0] == "2001")[1], rows.Single(r => r[0] == "2001")[10]));
        Assert.All(rows.Skip(1).Where(r => r[0].StartsWith('1')), r => Assert.Equal("Urban Threads", r[10]));
    }

    [Fact]
    public async Task AFormulaCellIsNeutralisedAndAnAwkwardTitleRoundTrips()
    {
        var export = await _exports.ProductsAsync(new ProductGridQuery { StoreId = _urbanId });
        var (bytes, _) = await ExportCsv.WriteAsync(export!);
        var rows = ExportCsv.Parse(bytes);

        var formula = rows.Single(r => r[0] == "1002");
        Assert.Equal("'" + Formula, formula[1]); // a spreadsheet shows it as text; it never runs
        Assert.Equal("'@evil", formula[2]);
        Assert.Equal(Awkward, rows.Single(r => r[0] == "1003")[1]); // comma, quotes and a line break inside one cell
        Assert.Equal("-2", rows.Single(r => r[0] == "1001")[5]); // a negative stock level stays a number
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // UTF-8 with its byte order mark, for Excel
        Assert.Contains("\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheProductsTheGridsFilterAndSearchKeepInItsSortOrder()
    {
        var problems = await ExportAsync(new ProductGridQuery { StoreId = _urbanId, Status = ProductStatusFilter.Problems });
        Assert.Equal(["1002", "1004"], problems.Skip(1).Select(r => r[0]));

        var bySku = await ExportAsync(new ProductGridQuery { StoreId = _urbanId, Search = "ls-m" });
        Assert.Equal("Linen Shirt", Assert.Single(bySku.Skip(1))[1]);

        var byInventory = await ExportAsync(new ProductGridQuery { StoreId = _urbanId, Sort = ProductSort.Inventory, Descending = true });
        Assert.Equal(["1003", "1002", "1004", "1001"], byInventory.Skip(1).Select(r => r[0]));

        // The grid's first page in the same order, from the same query.
        var grid = await new ProductQueryService(_database.Factory).QueryAsync(new ProductGridQuery { StoreId = _urbanId, Sort = ProductSort.Inventory, Descending = true });
        Assert.Equal(grid.Rows.Select(r => r.ExternalId.ToString(System.Globalization.CultureInfo.InvariantCulture)), byInventory.Skip(1).Select(r => r[0]));

        var none = await ExportAsync(new ProductGridQuery { StoreId = _urbanId, Status = ProductStatusFilter.Synced, Search = "beanie" });
        Assert.Single(none); // the header alone
    }

    [Fact]
    public async Task TheFileIsNamedAfterTheStoreAndTheDayAndAnUnknownStoreHasNoExport()
    {
        var export = await _exports.ProductsAsync(new ProductGridQuery { StoreId = _urbanId });

        Assert.Equal("urban-threads-products-2026-11-30.csv", export!.FileName);
        Assert.Null(await _exports.ProductsAsync(new ProductGridQuery { StoreId = 999 }));
        Assert.Equal("hearth-home", CsvExportService.Slug("Hearth & Home", 2));
        Assert.Equal("cafe-du-monde", CsvExportService.Slug("Café du Monde", 2));
        Assert.Equal("store-7", CsvExportService.Slug("東京ストア", 7));
    }

    [Fact]
    public async Task SkusAreReadForEveryBatchOfProducts()
    {
        // More products than one batch of SKUs: every product keeps its own SKUs across batch edges.
        await using (var db = await _database.Factory.CreateDbContextAsync())
        {
            var store = ExportSeed.Store(db, "Big Store");
            for (var i = 0; i < CsvExportService.SkuBatchSize + 20; i++)
            {
                ExportSeed.Product(db, store.Id, 10_000 + i, $"Product {i:0000}", [($"SKU-{i}-A", 1), ($"SKU-{i}-B", 1)]);
            }
            var rows = await ExportAsync(new ProductGridQuery { StoreId = store.Id });

            Assert.Equal(CsvExportService.SkuBatchSize + 21, rows.Count);
            Assert.All(rows.Skip(1), r => Assert.Equal($"SKU-{int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture) - 10_000}-A; SKU-{int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture) - 10_000}-B", r[3]));
        }
    }
}
