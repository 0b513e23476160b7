using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Products;

namespace SyncDashboard.Export;

/// <summary>
/// The CSV exports' addresses (<see cref="ExportEndpoints"/>) with a page's current filters in their query strings, under
/// the pages' own forms: the Products page's (<see cref="ProductGridUrl"/>), the Activity Log's (<see cref="ActivityFilter"/>), the
/// Bulk Mapper's report <c>job</c> and <c>outcome</c>.
/// </summary>
public static class ExportLinks
{
    public const string ProductsPath = "/export/products.csv";
    public const string ActivityPath = "/export/activity.csv";
    public const string MappingReportPath = "/export/bulk-map-report.csv";

    /// <summary>The Bulk Mapper report export's parameter names: the job's id and the outcome shown.</summary>
    public const string JobParameter = "job", OutcomeParameter = "outcome";

    /// <summary>
    /// <c>/export/products.csv?store=2&amp;status=problems&amp;q=linen&amp;sort=-inventory</c>: the grid's store (or <c>all</c>), status,
    /// search and sort as the Products page's URL writes them (<see cref="ProductGridUrl"/>; defaults left out). Paging is not part of it.
    /// </summary>
    public static string Products(ProductGridQuery query) => With(ProductsPath, new Dictionary<string, string?>
    {
        [ProductGridUrl.StoreParameter] = ProductGridUrl.FormatStore(query.StoreId),
        [ProductGridUrl.StatusParameter] = ProductGridUrl.FormatStatus(query.Status),
        [ProductGridUrl.SearchParameter] = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim(),
        [ProductGridUrl.SortParameter] = ProductGridUrl.FormatSort(query.Sort, query.Descending),
    });

    /// <summary><c>/export/activity.csv?kind=Failure&amp;store=2</c>: the Activity Log's filters as its own URL carries them.</summary>
    public static string Activity(ActivityFilter filter) => With(ActivityPath, filter.ToUrl());

    /// <summary><c>/export/bulk-map-report.csv?job={id}&amp;outcome=NoMatch</c>: one run's report, all of it or one outcome's lines.</summary>
    public static string MappingReport(Guid jobId, MappingOutcome? outcome) => With(MappingReportPath, new Dictionary<string, string?>
    {
        [JobParameter] = jobId.ToString("D"),
        [OutcomeParameter] = outcome?.ToString(),
    });

    private static string With(string path, IReadOnlyDictionary<string, string?> parameters) =>
        QueryHelpers.AddQueryString(path, parameters.Where(p => p.Value is not null));
}
