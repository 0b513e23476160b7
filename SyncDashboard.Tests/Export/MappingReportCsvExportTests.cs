using Microsoft.Extensions.Time.Testing;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Export;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Tests.Components.Fakes;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Export;

/// <summary>The Bulk Mapper report export: a run's lines, all or one outcome's, with the Source store's name, formula cells neutralised.</summary>
public sealed class MappingReportCsvExportTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();
    private readonly TestJobService _jobs = new();
    private readonly CsvExportService _exports;
    private readonly Guid _jobId;

    public MappingReportCsvExportTests()
    {
        _exports = new CsvExportService(_database.Factory, _jobs, new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)));
        using var db = _database.Factory.CreateDbContext();
        ExportSeed.Store(db, "Northwind Outlet", StoreRole.Destination);
        var urban = ExportSeed.Store(db, "Urban Threads");
        var hearth = ExportSeed.Store(db, "Hearth & Home");
        _jobs.NextMappingLines.AddRange(
        [
            new MappingReportLine(501, "Linen Shirt", MappingOutcome.Mapped, "Matched \"Linen Shirt\" variant for variant by SKU.", urban.Id, 1001, "Linen Shirt"),
            new MappingReportLine(502, "+Canvas Tote, \"large\"", MappingOutcome.NoMatch, "No Source product has any of its SKUs."),
            new MappingReportLine(503, "Desk Lamp", MappingOutcome.VariantCountDiffers, "It has 3 variants; \"Desk Lamp\" in the Source has 2.", hearth.Id, 2001, "Desk Lamp"),
            new MappingReportLine(504, "Tea Cup", MappingOutcome.NoMatch, "No Source product has any of its SKUs."),
        ]);
        _jobs.StartBulkMapAsync(dryRun: true).GetAwaiter().GetResult();
        _jobs.Finish();
        _jobId = _jobs.LastJob.Id;
    }

    public void Dispose() => _database.Dispose();

    private static async Task<List<string[]>> RowsAsync(CsvExport? export)
    {
        Assert.NotNull(export);
        var (bytes, rows) = await ExportCsv.WriteAsync(export);
        var parsed = ExportCsv.Parse(bytes);
        Assert.Equal(parsed.Count - 1, rows);
        return parsed;
    }

    [Fact]
    public async Task EveryLineWithItsOutcomeInWordsAndTheSourceStoresName()
    {
        var export = await _exports.MappingReportAsync(_jobId);
        var rows = await RowsAsync(export);

        Assert.Equal(["Destination product ID", "Destination product", "Outcome", "Reason", "Source store", "Source product ID", "Source product"], rows[0]);
        Assert.Equal(["501", "502", "503", "504"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(["501", "Linen Shirt", "Mapped", "Matched \"Linen Shirt\" variant for variant by SKU.", "Urban Threads", "1001", "Linen Shirt"], rows[1]);
        Assert.Equal(["Variant count differs", "Hearth & Home", "2001"], new[] { rows[3][2], rows[3][4], rows[3][5] });
        Assert.Equal(["No match", "", "", ""], new[] { rows[4][2], rows[4][4], rows[4][5], rows[4][6] });
        Assert.Equal("'+Canvas Tote, \"large\"", rows[2][1]); // neutralised, and its comma and quotes intact
        Assert.Equal("bulk-mapper-dry-run-northwind-outlet-2026-11-30.csv", export!.FileName);
    }

    [Fact]
    public async Task TheOutcomeShownKeepsOnlyItsLines()
    {
        var rows = await RowsAsync(await _exports.MappingReportAsync(_jobId, MappingOutcome.NoMatch));

        Assert.Equal(["502", "504"], rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task WithoutAJobTheLatestRunsReportAndNoneForAJobWithoutOne()
    {
        Assert.Equal(5, (await RowsAsync(await _exports.MappingReportAsync(null))).Count);
        Assert.Null(await _exports.MappingReportAsync(Guid.NewGuid()));

        await _jobs.StartBulkMapAsync(dryRun: false); // still running: no report yet
        Assert.Null(await _exports.MappingReportAsync(null));
    }
}
