namespace SyncDashboard.Core.Jobs;

/// <summary>
/// A persisted background job (bulk sync, bulk unsync, bulk map, resync): its items are saved
/// before it starts, and each item's outcome as soon as it is known, so a restart resumes
/// where it stopped without repeating finished items.
/// </summary>
public sealed class Job
{
    public Guid Id { get; set; }
    public JobKind Kind { get; set; }
    public JobStatus Status { get; set; }

    /// <summary>The job's parameters (JSON), for example the unsync mode.</summary>
    public string ParametersJson { get; set; } = "{}";

    public int Total { get; set; }
    public int Done { get; set; }
    public int Succeeded { get; set; }
    public int Failed { get; set; }
    public bool CancelRequested { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The user name of who started it (its Activity Log entries carry it); null for the dashboard's own.</summary>
    public string? StartedBy { get; set; }

    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public List<JobItem> Items { get; set; } = [];
}

public sealed class JobItem
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public int Position { get; set; }

    /// <summary>What the item works on, for example a mirrored product's id.</summary>
    public long SubjectId { get; set; }

    public JobItemStatus Status { get; set; }
    public string? Message { get; set; }

    /// <summary>For a Sync refused because a Destination product already has the SKUs: that product's mirrored id, to map instead.</summary>
    public long? MapCandidateId { get; set; }

    /// <summary>How many times it was tried (more than 1 after transient store errors).</summary>
    public int Attempts { get; set; }

    /// <summary>When its first try failed on a store error (the job's retry window runs from there, across restarts too); null otherwise.</summary>
    public DateTimeOffset? FirstFailedAt { get; set; }

    /// <summary>Why a failed item failed (null unless <see cref="Status"/> is Failed).</summary>
    public JobItemFailure? Failure { get; set; }
}

/// <summary>Why a job item failed: what Retry can change.</summary>
public enum JobItemFailure
{
    /// <summary>Refused by a rule (SKU problems, a duplicate, a product gone): trying again gives the same answer until the cause is fixed.</summary>
    Refused,

    /// <summary>The store kept failing (5xx, 408, 429, timeouts) past the job's retries: Retry may succeed once the store is well.</summary>
    StoreError,
}

public enum JobKind
{
    BulkSync,
    BulkUnsync,
    BulkMap,
    Resync,

    /// <summary>Disconnecting a Source (one item: the store), deleting its synced copies one by one when asked.</summary>
    Disconnect,
}

public enum JobStatus
{
    Queued,
    Running,
    Completed,
    Cancelled,
    Failed,
}

public enum JobItemStatus
{
    Pending,
    Succeeded,
    Failed,
    Skipped,
}
