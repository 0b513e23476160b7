using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SyncDashboard.DemoStores.GraphQL.BulkOperations;

/// <summary>
/// A demo store's bulk query operations (shopify.dev "Perform bulk operations with the GraphQL Admin
/// API"). <see cref="StartAsync"/> checks the query and starts it in the background: it runs against
/// the same schema and catalogue as any request, over every product (the top-level <c>products</c>
/// page after page, <see cref="PageSize"/> at a time, see <see cref="BulkPaging"/>), and streams the
/// JSONL (<see cref="BulkJsonlWriter"/>) to <c>{directory}/{id}-{key}.jsonl</c>, so memory stays flat
/// whatever the catalogue's size. Concurrency: from API version 2026-01 an app may run up to
/// <see cref="MaxConcurrentQueries"/> bulk queries at a time per shop, before it one; a query past the
/// limit is refused with <c>OPERATION_IN_PROGRESS</c>. The run is not charged to the cost bucket
/// (only the mutation's 10 points are). When an operation finishes the store raises
/// <c>bulk_operations/finish</c>. Results are downloadable without a token at
/// <c>{BaseUrl}bulk/{file}</c> (the URL, like Shopify's signed one, is the credential) for
/// <see cref="ResultLifetime"/>. Operations are kept in memory: a restart forgets them and their files.
/// </summary>
internal sealed class BulkOperationRunner : IAsyncDisposable
{
    public const string PathPrefix = "/bulk";
    public const int PageSize = 250;
    public const int MaxConcurrentQueries = 5;
    public const string ConcurrencyVersion = "2026-01";
    public static readonly TimeSpan ResultLifetime = TimeSpan.FromDays(7);

    private static readonly GraphQLSerializer Serializer = new();
    private static readonly DocumentExecuter Executer = new();

    private readonly Lock _gate = new();
    private readonly List<BulkOperation> _operations = [];
    private readonly string _directory;
    private readonly Func<string, BulkPaging, DemoStoreGraphQLContext> _context;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<string, JsonNode> _publish;
    private long _nextId;

    /// <param name="directory">Where result files are written; emptied at start (a restart forgets the operations).</param>
    /// <param name="context">The request context a bulk query runs with, for an API version and its paging.</param>
    /// <param name="publish">Raises a webhook topic with its payload (<c>bulk_operations/finish</c>).</param>
    public BulkOperationRunner(string directory, Func<string, BulkPaging, DemoStoreGraphQLContext> context, TimeProvider time,
        ILogger logger, Action<string, JsonNode> publish)
    {
        _directory = directory;
        _context = context;
        _time = time;
        _logger = logger;
        _publish = publish;
        _nextId = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        Directory.CreateDirectory(directory);
    }

    /// <summary>The store's origin; result URLs are under it.</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    /// <summary>For tests: while set and not completed, started operations wait here (still <c>CREATED</c>) before running.</summary>
    internal TaskCompletionSource? Hold { get; set; }

    /// <summary>
    /// Checks <paramref name="query"/> and starts it, answering the operation as created; a refusal is
    /// a user error on <c>query</c> (<c>INVALID</c>) or about the concurrency limit (<c>OPERATION_IN_PROGRESS</c>).
    /// </summary>
    public async Task<(BulkOperation? Operation, IReadOnlyList<UserError> Errors)> StartAsync(string query, string apiVersion, CancellationToken cancellationToken)
    {
        var (plan, error) = await BulkQueryPlan.PrepareAsync(AdminApiSchema.Instance, query, cancellationToken);
        if (plan is null)
        {
            return (null, [new UserError(["query"], error!, "INVALID")]);
        }
        BulkOperation operation;
        BulkOperation created;
        lock (_gate)
        {
            var limit = string.CompareOrdinal(apiVersion, ConcurrencyVersion) >= 0 ? MaxConcurrentQueries : 1;
            var active = _operations.Where(o => o.IsActive).ToList();
            if (active.Count >= limit)
            {
                return (null, [new UserError(null,
                    $"A bulk query operation for this app and shop is already in progress: {active[^1].Gid}.", "OPERATION_IN_PROGRESS")]);
            }
            var id = ++_nextId;
            operation = new BulkOperation
            {
                Id = id,
                Query = query,
                CreatedAt = Truncate(_time.GetUtcNow()),
                FileName = $"{id.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.jsonl",
            };
            _operations.Add(operation);
            created = operation.Snapshot(); // the mutation answers CREATED, whatever the run does meanwhile
            operation.Run = Task.Run(() => RunAsync(operation, plan, apiVersion));
        }
        return (created, []);
    }

    /// <summary>The operation of that GID; null when the store has none.</summary>
    public BulkOperation? Find(string? gid)
    {
        var id = Gid.TryParse(gid, "BulkOperation");
        lock (_gate)
        {
            return id is null ? null : _operations.FirstOrDefault(o => o.Id == id);
        }
    }

    /// <summary>The most recent operation of a type (<c>currentBulkOperation</c>); null when none ran.</summary>
    public BulkOperation? Current(string type)
    {
        lock (_gate)
        {
            return _operations.LastOrDefault(o => o.Type == type);
        }
    }

    /// <summary>Asks a running operation to stop (<c>bulkOperationCancel</c>): it turns <c>CANCELING</c>, then <c>CANCELED</c>.</summary>
    public (BulkOperation? Operation, IReadOnlyList<UserError> Errors) Cancel(string gid)
    {
        var operation = Find(gid);
        if (operation is null)
        {
            return (null, [new UserError(["id"], "Bulk operation does not exist")]);
        }
        BulkOperation canceling;
        lock (_gate)
        {
            if (!operation.IsActive || operation.Status == BulkOperationStatus.Canceling)
            {
                return (operation, [new UserError(null,
                    $"A bulk operation cannot be canceled when it is {operation.Status.ToLowerInvariant()}")]);
            }
            operation.Status = BulkOperationStatus.Canceling;
            canceling = operation.Snapshot(); // answered as CANCELING, however fast the run stops
        }
        operation.Cancellation.Cancel();
        return (canceling, []);
    }

    /// <summary>The URL of an operation's file, or null (no objects, not finished, or expired).</summary>
    public Uri? FileUrl(BulkOperation operation) =>
        operation.HasFile && operation.CompletedAt is { } done && _time.GetUtcNow() < done + ResultLifetime
            ? new Uri(BaseUrl, $"{PathPrefix.TrimStart('/')}/{operation.FileName}")
            : null;

    /// <summary><c>GET /bulk/{file}</c>: the JSONL of a finished operation, no access token needed; 404 otherwise.</summary>
    public async Task ServeAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        var name = path.Length > PathPrefix.Length + 1 ? path[(PathPrefix.Length + 1)..] : "";
        BulkOperation? operation;
        lock (_gate)
        {
            operation = _operations.FirstOrDefault(o => o.FileName == name);
        }
        if (operation is null || FileUrl(operation) is null || !HttpMethods.IsGet(ctx.Request.Method))
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        ctx.Response.ContentType = "application/jsonl";
        await ctx.Response.SendFileAsync(Path.Combine(_directory, operation.FileName), ctx.RequestAborted);
    }

    private async Task RunAsync(BulkOperation operation, BulkQueryPlan plan, string apiVersion)
    {
        var cancel = operation.Cancellation.Token;
        var path = Path.Combine(_directory, operation.FileName);
        BulkJsonlWriter? writer = null;
        try
        {
            if (Hold is { } hold)
            {
                await hold.Task.WaitAsync(cancel);
            }
            lock (_gate)
            {
                if (operation.Status == BulkOperationStatus.Created)
                {
                    operation.Status = BulkOperationStatus.Running;
                }
            }
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: false))
            {
                writer = new BulkJsonlWriter(file, plan, AdminApiSchema.Instance, operation);
                var paging = new BulkPaging(PageSize);
                do
                {
                    cancel.ThrowIfCancellationRequested();
                    paging.Reset();
                    var result = await Executer.ExecuteAsync(new ExecutionOptions
                    {
                        Schema = AdminApiSchema.Instance,
                        Document = plan.Document,
                        Variables = Inputs.Empty,
                        UserContext = _context(apiVersion, paging),
                        CancellationToken = cancel,
                        ThrowOnUnhandledException = true,
                    });
                    if (result.Errors is { Count: > 0 } errors)
                    {
                        throw new InvalidOperationException($"The bulk query failed: {errors[0].Message}");
                    }
                    var data = JsonNode.Parse(Serializer.Serialize(result))?["data"] as JsonObject;
                    writer.WritePage(data ?? []);
                }
                while (paging.HasNext);
            }
            Finish(operation, BulkOperationStatus.Completed, errorCode: null, keepFile: operation.ObjectCount > 0, writer.Bytes);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Finish(operation, BulkOperationStatus.Canceled, errorCode: null, keepFile: false, writer?.Bytes);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Bulk operation {Operation} failed", operation.Gid);
            Finish(operation, BulkOperationStatus.Failed, BulkOperationStatus.InternalServerError, keepFile: operation.ObjectCount > 0, writer?.Bytes);
        }
    }

    private void Finish(BulkOperation operation, string status, string? errorCode, bool keepFile, long? bytes)
    {
        var path = Path.Combine(_directory, operation.FileName);
        if (!keepFile && File.Exists(path))
        {
            File.Delete(path);
        }
        lock (_gate)
        {
            operation.FileSize = keepFile ? bytes : null;
            operation.HasFile = keepFile;
            operation.CompletedAt = Truncate(_time.GetUtcNow());
            operation.ErrorCode = errorCode;
            operation.Status = status;
        }
        _publish(DemoWebhookTopics.BulkOperationsFinish, new JsonObject
        {
            ["admin_graphql_api_id"] = operation.Gid,
            ["completed_at"] = operation.CompletedAt,
            ["created_at"] = operation.CreatedAt,
            ["error_code"] = errorCode?.ToLowerInvariant(),
            ["status"] = status.ToLowerInvariant(),
            ["type"] = operation.Type.ToLowerInvariant(),
        });
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, value.Offset);

    public async ValueTask DisposeAsync()
    {
        List<BulkOperation> running;
        lock (_gate)
        {
            running = [.. _operations.Where(o => o.IsActive)];
        }
        foreach (var operation in running)
        {
            await operation.Cancellation.CancelAsync();
        }
        Hold?.TrySetCanceled();
        await Task.WhenAll(running.Select(o => o.Run.ContinueWith(_ => { }, TaskScheduler.Default)));
    }
}
