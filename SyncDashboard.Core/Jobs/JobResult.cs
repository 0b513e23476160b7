namespace SyncDashboard.Core.Jobs;

/// <summary>A job and its items, for its result page (a view model: never the stored entity).</summary>
public sealed record JobResult(Guid JobId, JobKind Kind, JobStatus Status, string? StartedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt,
    int Total, int Done, int Succeeded, int Failed, string? Error, IReadOnlyList<JobItemResult> Items)
{
    /// <summary>The job and what it works on, in words ("Bulk sync of 5 items", "Bulk Mapper dry run").</summary>
    public string Subject { get; init; } = Kind.Subject(Total);

    /// <summary>Failed items a rule refused: trying again gives the same answer until the cause is fixed.</summary>
    public int Refused => Items.Count(i => i.Failure == JobItemFailure.Refused);

    /// <summary>Failed items whose store kept failing past the job's retries: Retry may succeed.</summary>
    public int StoreErrors => Items.Count(i => i.Failure == JobItemFailure.StoreError);

    /// <summary>Whether its failed items can be queued again (<see cref="IJobService.RetryFailedAsync"/>): finished, not a Bulk Mapper run, something failed.</summary>
    public bool CanRetry => Status.IsFinished() && Kind != JobKind.BulkMap && Failed > 0;
}
