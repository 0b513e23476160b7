using System.Globalization;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Export;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Products;

namespace SyncDashboard.Export;

public static class ExportEndpoints
{
    /// <summary>
    /// The CSV downloads, for any signed-in user (an anonymous request is sent to the sign-in page, as for every page), each
    /// taking the filters its page puts in its URL (<see cref="ExportLinks"/>):
    /// <list type="bullet">
    /// <item><c>GET /export/products.csv?store=&amp;status=&amp;q=&amp;sort=</c>: a store's (or <c>all</c> Sources') products under the grid's filter and sort, as the Products page's URL has them;</item>
    /// <item><c>GET /export/activity.csv?kind=&amp;severity=&amp;store=&amp;sku=&amp;user=&amp;from=&amp;to=</c>: the Activity Log under its filters;</item>
    /// <item><c>GET /export/bulk-map-report.csv?job=&amp;outcome=</c>: a Bulk Mapper report (the latest run's without <c>job</c>).</item>
    /// </list>
    /// The answer is <c>text/csv</c> as an attachment named after the store and the day (<see cref="CsvExport.FileName"/>), written
    /// straight to the response as it is read (the request's cancellation stops it), never cached. A value that does not read is a
    /// 400 and an unknown store or report a 404, both a problem (RFC 9457) saying what is wrong in words.
    /// </summary>
    public static IEndpointRouteBuilder MapCsvExports(this IEndpointRouteBuilder endpoints)
    {
        var exports = endpoints.MapGroup("").RequireAuthorization();
        exports.MapGet(ExportLinks.ProductsPath, ProductsAsync);
        exports.MapGet(ExportLinks.ActivityPath, ActivityAsync);
        exports.MapGet(ExportLinks.MappingReportPath, MappingReportAsync);
        return endpoints;
    }

    private static async Task<IResult> ProductsAsync(HttpContext context, ICsvExportService exports, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var allSources = string.Equals(Text(context, ProductGridUrl.StoreParameter), ProductGridUrl.AllSources, StringComparison.OrdinalIgnoreCase);
        var store = allSources ? null : Number(context, ProductGridUrl.StoreParameter, problems);
        if (store is null && !allSources && problems.Count == 0)
        {
            problems.Add($"Say which store's products to export: ?{ProductGridUrl.StoreParameter}= and the store's number as on the Products page, or {ProductGridUrl.AllSources}.");
        }
        var status = Choice<ProductStatusFilter>(context, ProductGridUrl.StatusParameter, problems) ?? ProductStatusFilter.All;
        var sortText = Text(context, ProductGridUrl.SortParameter);
        if (!ProductGridUrl.TryParseSort(sortText, out var sort, out var descending))
        {
            problems.Add($"The {ProductGridUrl.SortParameter} parameter \"{sortText}\" is not one of {ProductGridUrl.SortChoices}.");
        }
        if (problems.Count > 0)
        {
            return Refused(problems);
        }
        var query = new ProductGridQuery { StoreId = store, Status = status, Search = Text(context, ProductGridUrl.SearchParameter), Sort = sort, Descending = descending };
        return await exports.ProductsAsync(query, cancellationToken) is { } export
            ? Csv(context, export, cancellationToken)
            : UnknownStore(store ?? 0);
    }

    private static async Task<IResult> ActivityAsync(HttpContext context, ICsvExportService exports, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var filter = ActivityFilter.FromUrl(name => Text(context, name), problems);
        if (problems.Count > 0)
        {
            return Refused(problems);
        }
        return await exports.ActivityAsync(filter.ToQuery(), cancellationToken) is { } export
            ? Csv(context, export, cancellationToken)
            : UnknownStore(filter.StoreId!.Value);
    }

    private static async Task<IResult> MappingReportAsync(HttpContext context, ICsvExportService exports, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        Guid? job = null;
        if (Text(context, ExportLinks.JobParameter) is { } text)
        {
            job = Guid.TryParse(text, out var id) ? id : Refuse<Guid?>(problems, $"The {ExportLinks.JobParameter} parameter \"{text}\" is not a job's id.");
        }
        var outcome = Choice<MappingOutcome>(context, ExportLinks.OutcomeParameter, problems);
        if (problems.Count > 0)
        {
            return Refused(problems);
        }
        return await exports.MappingReportAsync(job, outcome, cancellationToken) is { } export
            ? Csv(context, export, cancellationToken)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such Bulk Mapper report",
                detail: "There is no Bulk Mapper report to export" + (job is null ? "" : " for that job") + ": the dashboard keeps the reports of its "
                    + $"{JobService.ReportsKept} latest runs. Run a dry run on the Bulk Mapper page, then export its report.");
    }

    /// <summary>The export as an attachment, written to the response body as it is read; never cached (it is the merchant's data).</summary>
    private static IResult Csv(HttpContext context, CsvExport export, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(body => export.WriteToAsync(body, cancellationToken), CsvExport.ContentType, export.FileName);
    }

    private static IResult Refused(IEnumerable<string> problems) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The export's filters do not read", detail: string.Join(" ", problems));

    private static IResult UnknownStore(int storeId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such store",
            detail: $"No store has the number {storeId.ToString(CultureInfo.InvariantCulture)}: it may have been removed. Choose a store on its page, then export again.");

    /// <summary>A parameter's value, trimmed; null when absent or blank.</summary>
    private static string? Text(HttpContext context, string name) =>
        context.Request.Query[name].FirstOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int? Number(HttpContext context, string name, List<string> problems) =>
        Text(context, name) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : Refuse<int?>(problems, $"The {name} parameter \"{text}\" is not a number.");

    /// <summary>An enum value by its name, in any case (as the pages write them); a problem for anything else.</summary>
    private static T? Choice<T>(HttpContext context, string name, List<string> problems) where T : struct, Enum =>
        Text(context, name) is not { } text ? null
        : SyncDashboard.Core.EnumNames.TryParse<T>(text, out var value) ? value
        : Refuse<T?>(problems, $"The {name} parameter \"{text}\" is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

    private static T Refuse<T>(List<string> problems, string problem)
    {
        problems.Add(problem);
        return default!;
    }
}
