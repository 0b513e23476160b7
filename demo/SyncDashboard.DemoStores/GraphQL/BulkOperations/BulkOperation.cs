namespace SyncDashboard.DemoStores.GraphQL.BulkOperations;

/// <summary>
/// One bulk query operation of a demo store (shopify.dev objects/BulkOperation): its query, its
/// status (<c>CREATED</c>, <c>RUNNING</c>, then <c>COMPLETED</c>, <c>FAILED</c> or <c>CANCELING</c>/<c>CANCELED</c>),
/// the objects written so far (lines of the JSONL file; <see cref="RootObjectCount"/> counts the
/// top-level ones) and, once finished, the file's size in bytes. The file is
/// <see cref="FileName"/> in the store's bulk directory, served at <c>{BaseUrl}bulk/{FileName}</c>.
/// Fields change while the operation runs: readers see each one atomically.
/// </summary>
internal sealed class BulkOperation
{
    private long _objectCount;
    private long _rootObjectCount;

    public required long Id { get; init; }

    /// <summary>The operation's GID, <c>gid://shopify/BulkOperation/{id}</c>.</summary>
    public string Gid => GraphQL.Gid.For("BulkOperation", Id);

    /// <summary>The bulk query as the client sent it.</summary>
    public required string Query { get; init; }

    /// <summary><c>QUERY</c>; the demo stores run no bulk mutations.</summary>
    public string Type => BulkOperationStatus.QueryType;

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The result file's name: the id and a random key, so its URL can't be guessed (as Shopify's signed URLs).</summary>
    public required string FileName { get; init; }

    public volatile string Status = BulkOperationStatus.Created;

    /// <summary><c>ACCESS_DENIED</c>, <c>INTERNAL_SERVER_ERROR</c> or <c>TIMEOUT</c> when <see cref="Status"/> is <c>FAILED</c>.</summary>
    public volatile string? ErrorCode;

    /// <summary>When the operation finished (completed, failed or canceled).</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The result file's size in bytes, once finished.</summary>
    public long? FileSize { get; set; }

    /// <summary>Whether a (complete or partial) result file is kept for this operation.</summary>
    public bool HasFile { get; set; }

    public long ObjectCount => Interlocked.Read(ref _objectCount);

    public long RootObjectCount => Interlocked.Read(ref _rootObjectCount);

    internal CancellationTokenSource Cancellation { get; } = new();

    internal Task Run { get; set; } = Task.CompletedTask;

    /// <summary>A copy of the operation as it is now, which the background run won't change (what a mutation answers).</summary>
    public BulkOperation Snapshot()
    {
        var copy = new BulkOperation { Id = Id, Query = Query, CreatedAt = CreatedAt, FileName = FileName };
        copy.Status = Status;
        copy.ErrorCode = ErrorCode;
        copy.CompletedAt = CompletedAt;
        copy.FileSize = FileSize;
        copy.HasFile = HasFile;
        copy._objectCount = ObjectCount;
        copy._rootObjectCount = RootObjectCount;
        return copy;
    }

    internal void CountObject(bool root)
    {
        Interlocked.Increment(ref _objectCount);
        if (root)
        {
            Interlocked.Increment(ref _rootObjectCount);
        }
    }

    /// <summary>Whether the operation still holds one of the store's concurrent places.</summary>
    public bool IsActive => Status is BulkOperationStatus.Created or BulkOperationStatus.Running or BulkOperationStatus.Canceling;
}
