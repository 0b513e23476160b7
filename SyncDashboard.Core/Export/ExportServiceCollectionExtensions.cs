using Microsoft.Extensions.DependencyInjection;

namespace SyncDashboard.Core.Export;

public static class ExportServiceCollectionExtensions
{
    /// <summary>
    /// The CSV exports (<see cref="ICsvExportService"/>): products, the Activity Log and Bulk Mapper reports. Needs the
    /// database, the jobs (<c>AddJobs</c>, for the reports) and a <see cref="TimeProvider"/> (for the file names' dates).
    /// </summary>
    public static IServiceCollection AddExport(this IServiceCollection services)
    {
        services.AddSingleton<CsvExportService>();
        services.AddSingleton<ICsvExportService>(sp => sp.GetRequiredService<CsvExportService>());
        return services;
    }
}
