using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SyncDashboard.DemoStores.GraphQL.BulkOperations;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// <c>POST /admin/api/{version}/graphql.json</c> of one demo store. Answers as Shopify does: HTTP
/// 200 with <c>data</c>, <c>errors</c> and <c>extensions.cost</c> (requested and actual cost and
/// the bucket's <c>throttleStatus</c>); a query whose requested cost the bucket cannot pay is not
/// run and answers <c>THROTTLED</c>; one above 1,000 points answers <c>MAX_COST_EXCEEDED</c>.
/// Bodies are <c>application/json</c> (<c>query</c>, <c>variables</c>, <c>operationName</c>) or
/// <c>application/graphql</c> (the document itself).
/// </summary>
internal sealed class GraphQLEndpoint
{
    private static readonly GraphQLSerializer Serializer = new();
    private static readonly DocumentExecuter Executer = new();

    private readonly DemoStoreOptions _options;
    private readonly DemoStoreCatalogue _catalogue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InventorySetQuantitiesCommand _inventory;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, GraphQLCostBucket> _buckets = new();

    /// <param name="bulkDirectory">Where the store's bulk operation results are written.</param>
    /// <param name="publish">Raises a webhook topic (the store's dispatcher), for <c>bulk_operations/finish</c>.</param>
    private readonly DemoStoreStats? _stats;
    private readonly DemoStoreFaults? _faults;

    public GraphQLEndpoint(DemoStoreOptions options, DemoStoreCatalogue catalogue, TimeProvider time, ILogger logger,
        string bulkDirectory, Action<string, JsonNode> publish, DemoStoreStats? stats = null, DemoStoreFaults? faults = null)
    {
        _stats = stats;
        _faults = faults;
        _options = options;
        _catalogue = catalogue;
        _time = time;
        _logger = logger;
        _inventory = new InventorySetQuantitiesCommand(catalogue);
        BulkOperations = new BulkOperationRunner(bulkDirectory,
            (version, paging) => new DemoStoreGraphQLContext(catalogue, options, version, _inventory, time) { BulkOperations = BulkOperations, Bulk = paging },
            time, logger, publish);
    }

    /// <summary>The store's bulk query operations.</summary>
    public BulkOperationRunner BulkOperations { get; }

    /// <summary>The cost bucket of an access token (one app on this store).</summary>
    public GraphQLCostBucket BucketFor(string accessToken) =>
        _buckets.GetOrAdd(accessToken, _ => new GraphQLCostBucket(_options.GraphQLBucketSize, _options.GraphQLRestoreRatePerSecond, _time));

    /// <param name="signedByApp">The token was issued to the app (its webhook subscriptions are signed with its client secret).</param>
    public async Task HandleAsync(HttpContext ctx, string accessToken, string apiVersion, bool signedByApp = false)
    {
        var request = await ReadAsync(ctx);
        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            await WriteAsync(ctx, Error("No query string was present", "BAD_REQUEST"), StatusCodes.Status400BadRequest);
            return;
        }
        var schema = AdminApiSchema.Instance;
        var variables = request.Variables ?? Inputs.Empty;
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(request.Query);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            await WriteAsync(ctx, Error($"syntax error: {e.Description}", "BAD_REQUEST"), StatusCodes.Status200OK);
            return;
        }
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>()
            .FirstOrDefault(o => request.OperationName is null || o.Name?.StringValue == request.OperationName);
        var bucket = BucketFor(accessToken);
        // Counted by root field ("GraphQL inventorySetQuantities"), as REST calls are counted by path.
        foreach (var field in operation?.SelectionSet.Selections.OfType<GraphQLField>() ?? [])
        {
            _stats?.CountGraphQL(field.Name.StringValue);
        }
        var requested = operation is null ? 0 : QueryCost.Requested(schema, document, operation, variables);
        if (requested > QueryCost.MaxSingleQueryCost)
        {
            var tooCostly = Error($"Query cost is {requested}, which exceeds the single query max cost limit ({QueryCost.MaxSingleQueryCost}).", "MAX_COST_EXCEEDED");
            tooCostly["extensions"] = Cost(requested, actual: null, bucket);
            await WriteAsync(ctx, tooCostly, StatusCodes.Status200OK);
            return;
        }
        // A forced throttle (fault injection: another client draining the same bucket) empties it first.
        if (_faults?.TakeForced429() == true)
        {
            bucket.Drain();
        }
        if (!bucket.TryTake(requested, out var refusedAt))
        {
            _stats?.CountGraphQLThrottled();
            var throttled = Error("Throttled", "THROTTLED");
            ((JsonObject)throttled["errors"]![0]!["extensions"]!)["documentation"] = "https://shopify.dev/api/usage/rate-limits";
            // The level the refusal was decided on, not a later one (another answer's refund may come in between).
            throttled["extensions"] = Cost(requested, actual: null, bucket, refusedAt);
            await WriteAsync(ctx, throttled, StatusCodes.Status200OK);
            return;
        }

        var result = await Executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = variables,
            UserContext = new DemoStoreGraphQLContext(_catalogue, _options, apiVersion, _inventory, _time) { BulkOperations = BulkOperations, SignedByApp = signedByApp },
            CancellationToken = ctx.RequestAborted,
            ThrowOnUnhandledException = false,
            UnhandledExceptionDelegate = context =>
            {
                if (context.OriginalException is DemoStoreValidationException validation)
                {
                    context.ErrorMessage = validation.Message;
                }
                else
                {
                    _logger.LogError(context.OriginalException, "Demo store {Store} failed on a GraphQL request", _options.Name);
                    context.ErrorMessage = "Internal error. Looks like something went wrong on our end.";
                }
                return Task.CompletedTask;
            },
        });
        var answer = JsonNode.Parse(Serializer.Serialize(result))!.AsObject();
        var actual = operation is null || answer["data"] is null ? 0 : QueryCost.Actual(schema, document, operation, variables, answer["data"]);
        bucket.Refund(requested - actual);
        _stats?.AddGraphQLCost(actual);
        answer["extensions"] = Cost(requested, actual, bucket);
        await WriteAsync(ctx, answer, StatusCodes.Status200OK);
    }

    private static async Task<GraphQLRequest?> ReadAsync(HttpContext ctx)
    {
        if (ctx.Request.ContentType?.StartsWith("application/graphql", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(ctx.Request.Body);
            return new GraphQLRequest { Query = await reader.ReadToEndAsync(ctx.RequestAborted) };
        }
        try
        {
            return await Serializer.ReadAsync<GraphQLRequest>(ctx.Request.Body, ctx.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JsonObject Cost(int requested, int? actual, GraphQLCostBucket bucket, double? available = null) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject
            {
                ["maximumAvailable"] = bucket.MaximumAvailable,
                ["currentlyAvailable"] = (int)Math.Floor(available ?? bucket.CurrentlyAvailable),
                ["restoreRate"] = bucket.RestoreRate,
            },
        },
    };

    private static JsonObject Error(string message, string code) => new()
    {
        ["errors"] = new JsonArray(new JsonObject
        {
            ["message"] = message,
            ["extensions"] = new JsonObject { ["code"] = code },
        }),
    };

    private static async Task WriteAsync(HttpContext ctx, JsonObject body, int status)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(body.ToJsonString(), ctx.RequestAborted);
    }
}
