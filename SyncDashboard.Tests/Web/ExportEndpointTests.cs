using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Products;
using SyncDashboard.Export;
using SyncDashboard.Tests.Engine;
using SyncDashboard.Tests.Export;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Web;

/// <summary>
/// The CSV download endpoints of the real app: only for a signed-in user, answered as an attachment named after the store and
/// the day with the rows the page's filters keep, and bad input refused with a problem in words.
/// </summary>
public sealed class ExportEndpointTests : IAsyncLifetime
{
    private DashboardApp _dashboard = null!;

    public async Task InitializeAsync()
    {
        _dashboard = await DashboardApp.StartAsync(new Dictionary<string, string?>
        {
            ["DemoStores:Catalogue:ProductsPerSource"] = "40",
            ["DemoStores:Catalogue:DestinationOnlyProducts"] = "10",
        });
        await _dashboard.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    private async Task<int> StoreIdAsync(string name)
    {
        await using var db = await _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync();
        return await db.StoreConnections.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    private static string Today => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnAnonymousRequestIsSentToSignInAndGetsNoData()
    {
        var urban = await StoreIdAsync("Urban Threads");
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseUrl };

        foreach (var path in new[] { ExportLinks.Products(new ProductGridQuery { StoreId = urban }), ExportLinks.ActivityPath, ExportLinks.MappingReportPath })
        {
            using var response = await anonymous.GetAsync(path.TrimStart('/'));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith($"{_dashboard.BaseUrl}account/sign-in?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task ASignedInUserDownloadsTheFilteredRowsAsAnAttachment()
    {
        var urban = await StoreIdAsync("Urban Threads");
        using var http = await _dashboard.SignedInClientAsync("vera", SyncDashboard.Core.Users.DashboardRoles.Viewer); // looking is enough
        var query = new ProductGridQuery { StoreId = urban, Status = ProductStatusFilter.Problems, Sort = ProductSort.Inventory, Descending = true };

        using var products = await http.GetAsync(ExportLinks.Products(query).TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
        Assert.Equal("text/csv", products.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", products.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", products.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"urban-threads-products-{Today}.csv", products.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.True(products.Headers.CacheControl!.NoStore);
        var rows = ExportCsv.Parse(await products.Content.ReadAsByteArrayAsync());
        var grid = await _dashboard.Services.GetRequiredService<IProductQueryService>().QueryAsync(query with { PageSize = ProductQueryService.MaxPageSize });
        Assert.True(grid.TotalCount > 0, "the demo catalogue has products with SKU problems");
        Assert.Equal(grid.Rows.Select(r => r.ExternalId.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.NotEqual("", r[7])); // each says its problem

        using var activity = await http.GetAsync(ExportLinks.Activity(new ActivityFilter { StoreId = urban }).TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, activity.StatusCode);
        Assert.Equal($"activity-log-urban-threads-{Today}.csv", activity.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal("Time", ExportCsv.Parse(await activity.Content.ReadAsByteArrayAsync())[0][0]);

        var jobs = _dashboard.Services.GetRequiredService<JobService>();
        var dryRun = await jobs.StartBulkMapAsync(dryRun: true);
        await JobWaits.UntilFinishedAsync(jobs, dryRun.Id);
        var report = (await jobs.GetMappingReportAsync(dryRun.Id))!;
        using var mapping = await http.GetAsync(ExportLinks.MappingReport(dryRun.Id, MappingOutcome.Mapped).TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, mapping.StatusCode);
        Assert.Equal($"bulk-mapper-dry-run-northwind-outlet-{Today}.csv", mapping.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var lines = ExportCsv.Parse(await mapping.Content.ReadAsByteArrayAsync());
        Assert.Equal(report.Count(MappingOutcome.Mapped), lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(l[4], new[] { "Urban Threads", "Hearth & Home" }));
    }

    [Fact]
    public async Task BadInputIsRefusedWithAProblemInWords()
    {
        using var http = await _dashboard.SignedInClientAsync();

        await RefusedAsync("export/products.csv?store=999", HttpStatusCode.NotFound, "No store has the number 999");
        await RefusedAsync("export/products.csv", HttpStatusCode.BadRequest, "Say which store's products to export");
        await RefusedAsync($"export/products.csv?store={await StoreIdAsync("Urban Threads")}&status=lost", HttpStatusCode.BadRequest,
            "The status parameter \"lost\" is not one of all, notsynced, synced, mapped, problems, outofstep, duplicateskus.");
        await RefusedAsync($"export/products.csv?store=all&sort=-price", HttpStatusCode.BadRequest,
            "The sort parameter \"-price\" is not one of title, vendor, variants, inventory, status, synced (a leading - for descending).");
        await RefusedAsync("export/activity.csv?from=yesterday", HttpStatusCode.BadRequest, "The from filter \"yesterday\" is not a date written yyyy-MM-dd.");
        await RefusedAsync("export/activity.csv?store=999", HttpStatusCode.NotFound, "No store has the number 999");
        await RefusedAsync("export/bulk-map-report.csv", HttpStatusCode.NotFound, "There is no Bulk Mapper report to export");
        await RefusedAsync("export/bulk-map-report.csv?job=1", HttpStatusCode.BadRequest, "The job parameter \"1\" is not a job's id.");

        async Task RefusedAsync(string path, HttpStatusCode status, string detail)
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
