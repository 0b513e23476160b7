using Microsoft.Extensions.Time.Testing;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Export;
using SyncDashboard.Tests.Components.Fakes;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Export;

/// <summary>
/// The Activity Log export: the page's filters read from the URL the same way (<see cref="ActivityFilter"/>), newest first,
/// kinds in words, "System" for the dashboard's own work, formula cells neutralised, awkward messages surviving a round trip.
/// </summary>
public sealed class ActivityCsvExportTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();
    private readonly CsvExportService _exports;
    private readonly int _urbanId;
    private readonly int _hearthId;

    public ActivityCsvExportTests()
    {
        _exports = new CsvExportService(_database.Factory, new TestJobService(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)));
        using var db = _database.Factory.CreateDbContext();
        var urban = ExportSeed.Store(db, "Urban Threads");
        var hearth = ExportSeed.Store(db, "Hearth & Home");
        (_urbanId, _hearthId) = (urban.Id, hearth.Id);
        ExportSeed.Product(db, urban.Id, 1001, "Linen Shirt", [("LS-S", 3), ("LS-M", 2)]);
        db.Activity.AddRange(
            Entry(1, "2026-11-02T10:00:00Z", ActivityKind.Sync, ActivitySeverity.Success, urban.Id, "Synced \"Linen Shirt\".", productId: 1001, title: "Linen Shirt", sku: "LS-S", user: "olga"),
            Entry(2, "2026-11-03T10:00:00Z", ActivityKind.InventoryUpdate, ActivitySeverity.Success, urban.Id, "SKU LS-M: stock in Northwind Outlet set to 4.", productId: 1001, title: "Linen Shirt"),
            Entry(3, "2026-11-04T10:00:00Z", ActivityKind.Failure, ActivitySeverity.Error, urban.Id, "-1 left; =SUM(A1:A9) was refused", sku: "WB-1"),
            Entry(4, "2026-11-30T23:59:59Z", ActivityKind.Failure, ActivitySeverity.Error, urban.Id, "Sync failed: 503, \"try later\"\nthen gave up.", user: "olga"),
            Entry(5, "2026-12-01T00:00:01Z", ActivityKind.Failure, ActivitySeverity.Error, urban.Id, "The day after the filter's last."),
            Entry(6, "2026-11-05T10:00:00Z", ActivityKind.Failure, ActivitySeverity.Error, hearth.Id, "Another store's failure."),
            Entry(7, "2026-10-31T23:59:59Z", ActivityKind.Failure, ActivitySeverity.Error, urban.Id, "The day before the filter's first."));
        db.SaveChanges();
    }

    private static ActivityEntry Entry(long id, string at, ActivityKind kind, ActivitySeverity severity, int storeId, string message,
        long? productId = null, string? title = null, string? sku = null, string? user = null) => new()
    {
        Id = id,
        At = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture),
        Kind = kind,
        Severity = severity,
        StoreId = storeId,
        StoreName = storeId == 1 ? "Urban Threads" : "Hearth & Home",
        ProductId = productId,
        ProductTitle = title,
        Sku = sku,
        Message = message,
        User = user,
    };

    public void Dispose() => _database.Dispose();

    /// <summary>The export for a URL's query string, read as the page and the endpoint read it.</summary>
    private async Task<(CsvExport Export, List<string[]> Rows)> ExportAsync(string queryString)
    {
        var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString);
        var problems = new List<string>();
        var filter = ActivityFilter.FromUrl(name => url.TryGetValue(name, out var value) ? value.ToString() : null, problems);
        Assert.Empty(problems);
        var export = await _exports.ActivityAsync(filter.ToQuery());
        Assert.NotNull(export);
        var (bytes, rows) = await ExportCsv.WriteAsync(export);
        var parsed = ExportCsv.Parse(bytes);
        Assert.Equal(parsed.Count - 1, rows);
        return (export, parsed);
    }

    [Fact]
    public async Task EveryEntryNewestFirstWithKindsInWordsAndSystemForTheDashboardsOwnWork()
    {
        var (export, rows) = await ExportAsync("");

        Assert.Equal(["Time", "Severity", "Kind", "Store", "Product", "SKU", "Message", "Who"], rows[0]);
        Assert.Equal(8, rows.Count);
        Assert.Equal("2026-12-01T00:00:01Z", rows[1][0]);
        Assert.Equal(["2026-11-03T10:00:00Z", "Success", "Inventory update", "Urban Threads", "Linen Shirt", "", "SKU LS-M: stock in Northwind Outlet set to 4.", "System"],
            rows.Single(r => r[0] == "2026-11-03T10:00:00Z"));
        Assert.Equal("olga", rows.Single(r => r[0] == "2026-11-02T10:00:00Z")[7]);
        Assert.Equal("activity-log-2026-11-30.csv", export.FileName);
    }

    [Fact]
    public async Task ThePagesFiltersKeepTheSameEntries()
    {
        // Kind, severity, store and the dates (the "to" day whole).
        var (export, failures) = await ExportAsync($"kind=failure&severity=Error&store={_urbanId}&from=2026-11-01&to=2026-11-30");
        Assert.Equal(["2026-11-30T23:59:59Z", "2026-11-04T10:00:00Z"], failures.Skip(1).Select(r => r[0]));
        Assert.Equal("activity-log-urban-threads-2026-11-30.csv", export.FileName);

        // Part of a SKU in any case: the entry's own, or any variant's of its product.
        var (_, bySku) = await ExportAsync("sku=ls-m");
        Assert.Equal(["2026-11-03T10:00:00Z", "2026-11-02T10:00:00Z"], bySku.Skip(1).Select(r => r[0]));

        var (_, byUser) = await ExportAsync("user=OLGA");
        Assert.Equal(2, byUser.Count - 1);
        var (_, bySystem) = await ExportAsync("user=System&store=" + _hearthId);
        Assert.Equal("Another store's failure.", Assert.Single(bySystem.Skip(1))[6]);

        // The page's own query for the same URL finds the same entries.
        var log = new ActivityLog(_database.Factory, TimeProvider.System, new SyncDashboard.Core.Users.DashboardActors());
        var page = await log.QueryAsync(new ActivityFilter { Kind = ActivityKind.Failure, StoreId = _urbanId, From = new DateOnly(2026, 11, 1), To = new DateOnly(2026, 11, 30) }.ToQuery());
        Assert.Equal(page.Entries.Select(e => e.At), failures.Skip(1).Select(r => DateTimeOffset.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task FormulaCellsAreNeutralisedAndAwkwardMessagesRoundTrip()
    {
        var (_, rows) = await ExportAsync("kind=Failure&store=" + _urbanId);

        Assert.Equal("'-1 left; =SUM(A1:A9) was refused", rows.Single(r => r[0] == "2026-11-04T10:00:00Z")[6]);
        Assert.Equal("Sync failed: 503, \"try later\"\nthen gave up.", rows.Single(r => r[0] == "2026-11-30T23:59:59Z")[6]);
    }

    [Fact]
    public async Task AFilterThatDoesNotReadIsSaidAndAnUnknownStoreHasNoExport()
    {
        var problems = new List<string>();
        var filter = ActivityFilter.FromUrl(name => name switch { "kind" => "Nonsense", "from" => "30/11/2026", "store" => "2", _ => null }, problems);

        Assert.Equal(2, problems.Count);
        Assert.Contains("The kind filter \"Nonsense\" is not one of", problems[0], StringComparison.Ordinal);
        Assert.Equal("The from filter \"30/11/2026\" is not a date written yyyy-MM-dd.", problems[1]);
        Assert.Equal((null, null, 2), (filter.Kind, filter.From, filter.StoreId)); // the page shows everything for a value it cannot read
        Assert.Null(await _exports.ActivityAsync(new ActivityQuery { StoreId = 999 }));
    }
}
