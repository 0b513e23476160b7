using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Jobs;

/// <summary>
/// A snapshot of one job's progress, as the live feed (<see cref="JobService.WatchAsync"/>,
/// <see cref="JobService.ProgressChanged"/>) delivers it.
/// </summary>
/// <param name="Detail">What the job is doing inside its current item, when it says (for example the Bulk Mapper's count).</param>
/// <param name="ItemPercent">How far the current item is, from 0 to 100, when it says (a bulk map is one long item).</param>
public sealed record JobProgress(
    Guid JobId,
    JobKind Kind,
    JobStatus Status,
    int Total,
    int Done,
    int Succeeded,
    int Failed,
    bool CancelRequested,
    string? Error = null,
    string? Detail = null,
    double? ItemPercent = null)
{
    /// <summary>Whether the job has stopped for good (completed, cancelled or failed).</summary>
    public bool IsFinished => Status.IsFinished();

    /// <summary>Done out of Total, counting the current item's own progress, from 0 to 100.</summary>
    public double Percent => Total == 0 ? (IsFinished ? 100 : 0) : Math.Min(100, 100.0 * (Done + (IsFinished ? 0 : (ItemPercent ?? 0) / 100)) / Total);

    public static JobProgress From(Job job, string? detail = null, double? itemPercent = null) =>
        new(job.Id, job.Kind, job.Status, job.Total, job.Done, job.Succeeded, job.Failed, job.CancelRequested, job.Error, detail, itemPercent);
}

/// <summary>The parameters a job was started with (stored as the job's <see cref="Job.ParametersJson"/>).</summary>
public sealed record JobParameters
{
    /// <summary>For a bulk unsync: keep or delete the Destination copies.</summary>
    public UnsyncMode? UnsyncMode { get; init; }

    /// <summary>For a bulk map: only report, link nothing.</summary>
    public bool? DryRun { get; init; }

    /// <summary>For a disconnection: delete the Destination copies synced from the store.</summary>
    public bool? DeleteCopies { get; init; }
}

public static class JobExtensions
{
    /// <summary>Whether a job in this status has stopped for good.</summary>
    public static bool IsFinished(this JobStatus status) => status is JobStatus.Completed or JobStatus.Cancelled or JobStatus.Failed;

    /// <summary>The job kind in words, for the Activity Log and the dashboard.</summary>
    public static string Describe(this JobKind kind) => kind switch
    {
        JobKind.BulkSync => "Bulk sync",
        JobKind.BulkUnsync => "Bulk unsync",
        JobKind.BulkMap => "Bulk map",
        JobKind.Resync => "Resync",
        JobKind.Disconnect => "Disconnection",
        _ => kind.ToString(),
    };

    /// <summary>
    /// The job and what it works on, for the Activity Log: "Bulk sync of 5 items"; a bulk map works on
    /// the whole catalogue (one item), so "Bulk map of the catalogue".
    /// </summary>
    public static string Subject(this JobKind kind, int total) => kind == JobKind.BulkMap
        ? "Bulk map of the catalogue"
        : $"{kind.Describe()} of {(total == 1 ? "1 item" : $"{total} items")}";

    /// <summary>How a Bulk Mapper dry run is named everywhere (Activity Log, Jobs page), so it is never taken for a real run.</summary>
    public const string DryRunSubject = "Bulk Mapper dry run";

    /// <summary>Whether the job is a Bulk Mapper dry run (it links nothing).</summary>
    public static bool IsDryRun(this Job job) => job.Kind == JobKind.BulkMap && JobService.ParametersOf(job).DryRun == true;

    /// <summary>The job and what it works on (<see cref="Subject(JobKind, int)"/>), or <see cref="DryRunSubject"/>.</summary>
    public static string Subject(this Job job) => job.IsDryRun() ? DryRunSubject : job.Kind.Subject(job.Total);
}
