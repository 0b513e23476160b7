using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Products;

namespace SyncDashboard.Export;

/// <summary>
/// The CSV exports' addresses (<see cref="ExportEndpoints"/>) with a page's current filters in their query strings, under
/// the names the pages use in their own URLs: the Products page's <c>store</c>, <c>status</c> and <c>q</c> (plus the grid's
/// <c>sort</c> and <c>desc</c>), the Activity Log's (<see cref="ActivityFilter"/>), the Bulk Mapper's report <c>job</c> and <c>outcome</c>.
/// </summary>
public static class ExportLinks
{
    public const string ProductsPath = "/export/products.csv";
    public const string ActivityPath = "/export/activity.csv";
    public const string MappingReportPath = "/export/bulk-map-report.csv";

    /// <summary>The products export's parameter names (<c>store</c>, <c>status</c> and <c>q</c> as the Products page's URL has them).</summary>
    public const string StoreParameter = "store", StatusParameter = "status", SearchParameter = "q", SortParameter = "sort", DescendingParameter = "desc";

    /// <summary>The <c>store</c> of every Source's products at once (the Products page's "All Sources").</summary>
    public const string AllSources = "all";

    /// <summary>The Bulk Mapper report export's parameter names: the job's id and the outcome shown.</summary>
    public const string JobParameter = "job", OutcomeParameter = "outcome";

    /// <summary>
    /// <c>/export/products.csv?store=2&amp;status=problems&amp;q=linen&amp;sort=vendor&amp;desc=true</c>: the grid's store, status,
    /// search and sort (defaults left out; names in lower case, as the Products page writes its status). Paging is not part of it.
    /// </summary>
    public static string Products(ProductGridQuery query) => With(ProductsPath, new Dictionary<string, string?>
    {
        [StoreParameter] = query.StoreId?.ToString(CultureInfo.InvariantCulture) ?? AllSources,
        [StatusParameter] = query.Status == ProductStatusFilter.All ? null : query.Status.ToString().ToLowerInvariant(),
        [SearchParameter] = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim(),
        [SortParameter] = query.Sort == ProductSort.Title ? null : query.Sort.ToString().ToLowerInvariant(),
        [DescendingParameter] = query.Descending ? "true" : null,
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
