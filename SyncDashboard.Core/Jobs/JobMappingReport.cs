namespace SyncDashboard.Core.Jobs;

/// <summary>
/// The report of a finished Bulk Mapper job, saved with it so the Bulk Mapper page and the report's CSV export still have
/// it after a restart. One row per job (the newest <see cref="JobService.ReportsKept"/> are kept); the report as JSON.
/// </summary>
public sealed class JobMappingReport
{
    /// <summary>The bulk map job that made it.</summary>
    public Guid JobId { get; set; }

    /// <summary>When it was saved (the job's end).</summary>
    public DateTimeOffset SavedAt { get; set; }

    /// <summary>The report (<see cref="Mapping.MappingReport"/>) as JSON, written and read by <see cref="JobService"/> only.</summary>
    public string ReportJson { get; set; } = "{}";
}
