using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Export;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Products;
using SyncDashboard.Export;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Web;

/// <summary>
/// A download that fails after its first rows were sent (the database went away part-way) ends as a failed download in
/// the browser, never as a shorter file that looks whole, and the failure is in the server's log.
/// </summary>
public sealed class ExportFailureTests : IAsyncLifetime
{
    private const string Failure = "The database file could not be read.";

    private readonly TestLogs _logs = new();
    private DashboardApp _dashboard = null!;

    public async Task InitializeAsync() =>
        _dashboard = await DashboardApp.StartAsync(logs: _logs, services: s => s.AddSingleton<ICsvExportService, FailingPartWay>());

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public async Task AFailurePartWayEndsTheDownloadAsFailedAndIsLogged()
    {
        using var http = await _dashboard.SignedInClientAsync();

        using var response = await http.GetAsync(ExportLinks.Products(new ProductGridQuery { StoreId = 1 }).TrimStart('/'), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.IsSuccessStatusCode); // the first rows went out before the failure
        await using var body = await response.Content.ReadAsStreamAsync();
        var read = 0L;
        var buffer = new byte[16 * 1024];

        var error = await Record.ExceptionAsync(async () =>
        {
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                read += n;
            }
        });

        Assert.True(read > 64 * 1024, $"rows arrived before the failure ({read} bytes)");
        Assert.IsAssignableFrom<IOException>(error is HttpRequestException { InnerException: { } inner } ? inner : error); // "the response ended prematurely"
        await Eventually.HoldsAsync(() => _logs.Lines.Any(l => l.Level >= LogLevel.Error && l.Exception?.Message == Failure),
            "the failure is logged as an error", 10);
    }

    /// <summary>Exports that write 5,000 rows, then fail as a database read would.</summary>
    private sealed class FailingPartWay : ICsvExportService
    {
        public Task<CsvExport?> ProductsAsync(ProductGridQuery query, CancellationToken cancellationToken = default) => Task.FromResult<CsvExport?>(Export());

        public Task<CsvExport?> ActivityAsync(ActivityQuery query, CancellationToken cancellationToken = default) => Task.FromResult<CsvExport?>(Export());

        public Task<CsvExport?> MappingReportAsync(Guid? jobId, MappingOutcome? outcome = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<CsvExport?>(Export());

        private static CsvExport Export() => new("failing.csv", ["Row", "Text"], async (csv, token) =>
        {
            for (var row = 1L; row <= 5_000; row++)
            {
                csv.WriteField(row.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(new string('x', 40));
                await CsvExport.EndRowAsync(csv, row, token);
            }
            throw new InvalidOperationException(Failure);
        });
    }
}
