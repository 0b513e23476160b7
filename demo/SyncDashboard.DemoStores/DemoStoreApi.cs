using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.GraphQL;
using SyncDashboard.DemoStores.GraphQL.BulkOperations;

namespace SyncDashboard.DemoStores;

/// <summary>
/// The HTTP face of a demo store: Shopify's paths, status codes, error bodies and headers
/// (access token, <c>X-Shopify-Shop-Api-Call-Limit</c>, 429 with <c>Retry-After</c>, <c>Link</c>
/// pagination), in front of its <see cref="DemoStoreCatalogue"/>.
/// </summary>
internal sealed partial class DemoStoreApi(
    DemoStoreOptions options,
    DemoStoreCatalogue catalogue,
    DemoStoreAccessTokens accessTokens,
    DemoStoreRateLimiter rateLimiter,
    DemoStoreFaults faults,
    DemoStoreStats stats,
    GraphQLEndpoint graphQL,
    ILogger logger)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 250;
    private const string AccessTokenHeader = "X-Shopify-Access-Token";
    private const string InvalidToken = "[API] Invalid API key or access token (unrecognized login or wrong password)";

    public void Map(WebApplication app)
    {
        // The demo stores' own "CDN": product images that load offline (see DemoStoreImages).
        app.MapWhen(ctx => ctx.Request.Path.StartsWithSegments(DemoStoreImages.PathPrefix), cdn => cdn.Run(DemoStoreImages.ServeAsync));
        // Bulk operation results: like Shopify's signed storage URLs, the URL itself is the credential (no access token).
        app.MapWhen(ctx => ctx.Request.Path.StartsWithSegments(BulkOperationRunner.PathPrefix), files => files.Run(graphQL.BulkOperations.ServeAsync));
        app.Use(GuardAsync);
        app.UseRouting();
        var api = app.MapGroup("/admin/api/{version}");

        // The GraphQL Admin API: cost-based limits of its own instead of the REST bucket.
        api.MapPost("/graphql.json", ctx =>
        {
            var token = ctx.Request.Headers[AccessTokenHeader].ToString();
            return graphQL.HandleAsync(ctx, token, (string)ctx.GetRouteValue("version")!, signedByApp: accessTokens.IsIssued(token));
        });

        api.MapGet("/shop.json", GetShop);

        api.MapGet("/products.json", ListProducts);
        api.MapGet("/products/count.json", CountProducts);
        api.MapGet("/products/{id}.json", GetProduct);
        api.MapPost("/products.json", CreateProductAsync);
        api.MapPut("/products/{id}.json", UpdateProductAsync);
        api.MapDelete("/products/{id}.json", DeleteProduct);

        api.MapGet("/products/{id}/variants.json", ctx => WriteAsync(ctx, new JsonObject { ["variants"] = RestView(catalogue.GetProduct(RouteId(ctx)))["variants"]!.DeepClone() }));
        api.MapGet("/products/{id}/variants/count.json", ctx => WriteAsync(ctx, new CountEnvelope(catalogue.GetProduct(RouteId(ctx))["variants"]!.AsArray().Count)));
        api.MapPost("/products/{id}/variants.json", CreateVariantAsync);
        api.MapDelete("/products/{id}/variants/{variantId}.json", ctx =>
        {
            RefuseWritesToLargeProducts(RouteId(ctx));
            catalogue.DeleteVariant(RouteId(ctx), RouteId(ctx, "variantId"));
            return WriteAsync(ctx, new JsonObject());
        });

        api.MapGet("/products/{id}/metafields.json", ctx => WriteAsync(ctx, new MetafieldsEnvelope(
            [.. catalogue.ListMetafields(RouteId(ctx), Query(ctx, "namespace"), Query(ctx, "key"))])));
        api.MapGet("/products/{id}/metafields/count.json", ctx => WriteAsync(ctx, new CountEnvelope(
            catalogue.ListMetafields(RouteId(ctx), Query(ctx, "namespace"), Query(ctx, "key")).Count)));
        api.MapGet("/products/{id}/metafields/{metafieldId}.json", ctx => WriteAsync(ctx, new MetafieldEnvelope(
            catalogue.GetMetafield(RouteId(ctx), RouteId(ctx, "metafieldId")))));
        api.MapPost("/products/{id}/metafields.json", CreateMetafieldAsync);
        api.MapPut("/products/{id}/metafields/{metafieldId}.json", UpdateMetafieldAsync);
        api.MapDelete("/products/{id}/metafields/{metafieldId}.json", ctx =>
        {
            catalogue.DeleteMetafield(RouteId(ctx), RouteId(ctx, "metafieldId"));
            return WriteAsync(ctx, new JsonObject());
        });

        api.MapGet("/inventory_levels.json", ListInventoryLevels);
        api.MapPost("/inventory_levels/set.json", SetInventoryLevelAsync);
        api.MapPost("/inventory_levels/adjust.json", AdjustInventoryLevelAsync);

        api.MapGet("/locations.json", ctx => WriteAsync(ctx, new LocationsEnvelope([.. catalogue.ListLocations()])));
        api.MapGet("/locations/count.json", ctx => WriteAsync(ctx, new CountEnvelope(catalogue.ListLocations().Count)));
        api.MapGet("/locations/{id}.json", ctx => WriteAsync(ctx, new LocationEnvelope(catalogue.GetLocation(RouteId(ctx)))));

        api.MapGet("/webhooks.json", ctx => WriteAsync(ctx, new WebhooksEnvelope(
            [.. catalogue.ListWebhooks(Query(ctx, "topic"), Query(ctx, "address"), OfApp(ctx))])));
        api.MapGet("/webhooks/count.json", ctx => WriteAsync(ctx, new CountEnvelope(
            catalogue.ListWebhooks(Query(ctx, "topic"), Query(ctx, "address"), OfApp(ctx)).Count)));
        api.MapGet("/webhooks/{id}.json", ctx => WriteAsync(ctx, new WebhookEnvelope(catalogue.GetWebhook(RouteId(ctx)))));
        api.MapPost("/webhooks.json", CreateWebhookAsync);
        api.MapDelete("/webhooks/{id}.json", ctx =>
        {
            catalogue.DeleteWebhook(RouteId(ctx));
            return WriteAsync(ctx, new JsonObject());
        });

        // Anything else under the API answers as Shopify does for an unknown resource.
        app.MapFallback(ctx => ErrorAsync(ctx, StatusCodes.Status404NotFound, "Not Found"));
    }

    /// <summary>
    /// Runs before every request: the access token, the leaky bucket, injected faults, and the
    /// translation of refusals into Shopify's status codes and <c>{"errors": ...}</c> bodies.
    /// </summary>
    private async Task GuardAsync(HttpContext ctx, RequestDelegate next)
    {
        if (AdminProductPath().Match(ctx.Request.Path.Value ?? "") is { Success: true } admin && HttpMethods.IsGet(ctx.Request.Method))
        {
            // The admin's product page (the dashboard links there); a demo on loopback has no staff login.
            try
            {
                await DemoStoreAdminPage.WriteAsync(ctx, options.Name, catalogue.GetProduct(long.Parse(admin.Groups["id"].Value, CultureInfo.InvariantCulture)));
            }
            catch (DemoStoreNotFoundException)
            {
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            }
            return;
        }
        var match = ApiPath().Match(ctx.Request.Path.Value ?? "");
        if (!match.Success)
        {
            await ErrorAsync(ctx, StatusCodes.Status404NotFound, "Not Found");
            return;
        }
        ctx.Response.Headers["X-Shopify-API-Version"] = match.Groups["version"].Value;
        ctx.Response.Headers["X-Request-Id"] = Guid.NewGuid().ToString();

        var token = ctx.Request.Headers[AccessTokenHeader].ToString();
        if (!accessTokens.Accepts(token))
        {
            stats.CountUnauthorized();
            await ErrorAsync(ctx, StatusCodes.Status401Unauthorized, InvalidToken);
            return;
        }

        stats.CountRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "");
        if (match.Groups["resource"].Value == "graphql")
        {
            // GraphQL requests are paid for in points by the GraphQL endpoint, not from the REST bucket.
            await InjectedFaultsThenAsync(ctx, next);
            return;
        }
        var forced = faults.TakeForced429();
        if (forced || !rateLimiter.TryAcquire(token))
        {
            stats.CountThrottled();
            ctx.Response.Headers["X-Shopify-Shop-Api-Call-Limit"] = forced
                ? $"{rateLimiter.BucketSize}/{rateLimiter.BucketSize}"
                : rateLimiter.CallLimitHeader(token);
            ctx.Response.Headers.RetryAfter = rateLimiter.RetryAfter();
            await ErrorAsync(ctx, StatusCodes.Status429TooManyRequests,
                "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.");
            return;
        }
        ctx.Response.Headers["X-Shopify-Shop-Api-Call-Limit"] = rateLimiter.CallLimitHeader(token);
        await InjectedFaultsThenAsync(ctx, next);
    }

    /// <summary>Added latency, injected 5xx and delayed answers (fault injection), then the request itself.</summary>
    private async Task InjectedFaultsThenAsync(HttpContext ctx, RequestDelegate next)
    {
        if (faults.AddedLatency > TimeSpan.Zero)
        {
            await Task.Delay(faults.AddedLatency, ctx.RequestAborted);
        }
        if (faults.ShouldFail())
        {
            stats.CountInjectedError();
            var status = Random.Shared.Next(2) == 0 ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
            await ErrorAsync(ctx, status, status == 500 ? "Internal Server Error" : "Service Unavailable");
            return;
        }

        var responseDelay = faults.ResponseDelay;
        var answer = ctx.Response.Body;
        using var buffer = responseDelay > TimeSpan.Zero ? new MemoryStream() : null;
        if (buffer is not null)
        {
            ctx.Response.Body = buffer;
        }
        try
        {
            await HandleAsync(ctx, next);
        }
        finally
        {
            if (buffer is not null)
            {
                ctx.Response.Body = answer;
            }
        }
        if (buffer is not null)
        {
            await Task.Delay(responseDelay, CancellationToken.None);
            buffer.Position = 0;
            await buffer.CopyToAsync(answer, ctx.RequestAborted);
        }
    }

    private async Task HandleAsync(HttpContext ctx, RequestDelegate next)
    {
        try
        {
            await next(ctx);
        }
        catch (DemoStoreNotFoundException)
        {
            await ErrorAsync(ctx, StatusCodes.Status404NotFound, "Not Found");
        }
        catch (DemoStoreValidationException e)
        {
            await WriteAsync(ctx, new JsonObject { ["errors"] = ToErrors(e.Errors) }, StatusCodes.Status422UnprocessableEntity);
        }
        catch (BadParameterException e)
        {
            await WriteAsync(ctx, new JsonObject { ["errors"] = new JsonObject { [e.Parameter] = e.Message } }, StatusCodes.Status400BadRequest);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Demo store {Store} failed on {Method} {Path}", options.Name, ctx.Request.Method, ctx.Request.Path);
            await ErrorAsync(ctx, StatusCodes.Status500InternalServerError, "Internal Server Error");
        }
    }

    [GeneratedRegex(@"^/admin/api/(?<version>\d{4}-\d{2}|unstable)/(?<resource>.+)\.json$")]
    private static partial Regex ApiPath();

    [GeneratedRegex(@"^/admin/products/(?<id>\d{1,18})$")]
    private static partial Regex AdminProductPath();

    // ---------------------------------------------------------------- shop

    private Task GetShop(HttpContext ctx) => WriteAsync(ctx, new JsonObject
    {
        ["shop"] = new JsonObject
        {
            ["id"] = catalogue.PrimaryLocationId - 1,
            ["name"] = options.Name,
            ["domain"] = options.Domain,
            ["myshopify_domain"] = options.Domain,
            ["email"] = $"owner@{options.Domain}",
            ["currency"] = "CAD",
            ["money_format"] = "${{amount}}",
            ["iana_timezone"] = "UTC",
            ["plan_name"] = options.BucketSize > 40 ? "shopify_plus" : "basic",
            ["primary_location_id"] = catalogue.PrimaryLocationId,
        },
    });

    // ---------------------------------------------------------------- products

    private Task ListProducts(HttpContext ctx)
    {
        var limit = Limit(ctx);
        var pageInfo = Query(ctx, "page_info");
        PageCursor? cursor = null;
        Dictionary<string, string> filters;
        if (pageInfo is not null)
        {
            // As in Shopify: a request that follows a cursor may only add limit and fields.
            var extra = ProductQuery.FilterNames.FirstOrDefault(ctx.Request.Query.ContainsKey);
            if (extra is not null)
            {
                throw new BadParameterException("page_info", $"page_info cannot be combined with {extra}; only limit and fields may be added.");
            }
            cursor = PageCursor.Decode(pageInfo);
            filters = cursor.Filters;
        }
        else
        {
            filters = ProductQuery.FilterNames
                .Where(ctx.Request.Query.ContainsKey)
                .ToDictionary(name => name, name => ctx.Request.Query[name].ToString());
        }
        var query = ProductQuery.Parse(new QueryCollection(filters.ToDictionary(f => f.Key, f => new StringValues(f.Value))));
        var page = catalogue.ListProducts(query, cursor, limit);

        var links = new List<string>();
        if (page.HasPrevious)
        {
            links.Add(Link(ctx, "products.json", new PageCursor(CursorDirection.Previous, page.Products[0]["id"]!.GetValue<long>(), filters), "previous"));
        }
        if (page.HasNext)
        {
            links.Add(Link(ctx, "products.json", new PageCursor(CursorDirection.Next, page.Products[^1]["id"]!.GetValue<long>(), filters), "next"));
        }
        if (links.Count > 0)
        {
            ctx.Response.Headers.Link = string.Join(", ", links);
        }
        var fields = Fields(ctx);
        return WriteAsync(ctx, new JsonObject { ["products"] = new JsonArray([.. page.Products.Select(p => Select(RestView(p), fields))]) });
    }

    private Task CountProducts(HttpContext ctx) =>
        WriteAsync(ctx, new CountEnvelope(catalogue.CountProducts(ProductQuery.Parse(ctx.Request.Query))));

    private Task GetProduct(HttpContext ctx) =>
        WriteAsync(ctx, new JsonObject { ["product"] = Select(RestView(catalogue.GetProduct(RouteId(ctx))), Fields(ctx)) });

    private async Task CreateProductAsync(HttpContext ctx)
    {
        var (product, raw) = await ReadResourceAsync<ShopifyProduct>(ctx, "product");
        RefuseOverRestVariantLimit(product.Variants?.Count ?? 0);
        await WriteAsync(ctx, new JsonObject { ["product"] = RestView(catalogue.CreateProduct(product, raw)) }, StatusCodes.Status201Created);
    }

    private async Task UpdateProductAsync(HttpContext ctx)
    {
        var id = RouteId(ctx);
        var (product, raw) = await ReadResourceAsync<ShopifyProduct>(ctx, "product");
        RefuseWritesToLargeProducts(id);
        RefuseOverRestVariantLimit(product.Variants?.Count ?? 0);
        await WriteAsync(ctx, new JsonObject { ["product"] = RestView(catalogue.UpdateProduct(id, product, raw)) });
    }

    private Task DeleteProduct(HttpContext ctx)
    {
        catalogue.DeleteProduct(RouteId(ctx));
        return WriteAsync(ctx, new JsonObject());
    }

    private async Task CreateVariantAsync(HttpContext ctx)
    {
        var (variant, raw) = await ReadResourceAsync<ShopifyVariant>(ctx, "variant");
        RefuseWritesToLargeProducts(RouteId(ctx));
        RefuseOverRestVariantLimit(VariantCount(RouteId(ctx)) + 1);
        await WriteAsync(ctx, new JsonObject { ["variant"] = catalogue.CreateVariant(RouteId(ctx), variant, raw) }, StatusCodes.Status201Created);
    }

    private async Task CreateMetafieldAsync(HttpContext ctx)
    {
        var (metafield, _) = await ReadResourceAsync<ShopifyMetafield>(ctx, "metafield");
        await WriteAsync(ctx, new MetafieldEnvelope(catalogue.CreateMetafield(RouteId(ctx), metafield)), StatusCodes.Status201Created);
    }

    private async Task UpdateMetafieldAsync(HttpContext ctx)
    {
        var (metafield, _) = await ReadResourceAsync<ShopifyMetafield>(ctx, "metafield");
        await WriteAsync(ctx, new MetafieldEnvelope(catalogue.UpdateMetafield(RouteId(ctx), RouteId(ctx, "metafieldId"), metafield)));
    }

    // ---------------------------------------------------------------- inventory

    private Task ListInventoryLevels(HttpContext ctx)
    {
        var limit = Limit(ctx);
        var pageInfo = Query(ctx, "page_info");
        var cursor = pageInfo is null ? null : PageCursor.Decode(pageInfo);
        var filters = cursor?.Filters ?? new[] { "inventory_item_ids", "location_ids", "updated_at_min" }
            .Where(ctx.Request.Query.ContainsKey)
            .ToDictionary(name => name, name => ctx.Request.Query[name].ToString());
        var itemIds = IdSet(filters, "inventory_item_ids");
        var locationIds = IdSet(filters, "location_ids");
        if (itemIds is null && locationIds is null)
        {
            throw DemoStoreValidationException.For("base", "inventory_item_ids, location_ids, or both must be present");
        }
        var levels = catalogue.ListInventoryLevels(itemIds, locationIds);
        var offset = (int)(cursor?.Id ?? 0);
        var page = levels.Skip(offset).Take(limit).ToList();
        var links = new List<string>();
        if (offset > 0)
        {
            links.Add(Link(ctx, "inventory_levels.json", new PageCursor(CursorDirection.Previous, Math.Max(0, offset - limit), filters), "previous"));
        }
        if (offset + page.Count < levels.Count)
        {
            links.Add(Link(ctx, "inventory_levels.json", new PageCursor(CursorDirection.Next, offset + page.Count, filters), "next"));
        }
        if (links.Count > 0)
        {
            ctx.Response.Headers.Link = string.Join(", ", links);
        }
        return WriteAsync(ctx, new InventoryLevelsEnvelope(page));
    }

    private async Task SetInventoryLevelAsync(HttpContext ctx)
    {
        var body = await ReadBodyAsync(ctx);
        var level = catalogue.SetInventoryLevel(
            RequiredLong(body, "inventory_item_id"), RequiredLong(body, "location_id"), (int)RequiredLong(body, "available"));
        await WriteAsync(ctx, new InventoryLevelEnvelope(level));
    }

    private async Task AdjustInventoryLevelAsync(HttpContext ctx)
    {
        var body = await ReadBodyAsync(ctx);
        var level = catalogue.AdjustInventoryLevel(
            RequiredLong(body, "inventory_item_id"), RequiredLong(body, "location_id"), (int)RequiredLong(body, "available_adjustment"));
        await WriteAsync(ctx, new InventoryLevelEnvelope(level));
    }

    // ---------------------------------------------------------------- webhooks

    /// <summary>Whether the request's token is one the app got from its client id and secret (it sees that app's subscriptions only).</summary>
    private bool OfApp(HttpContext ctx) => accessTokens.IsIssued(ctx.Request.Headers[AccessTokenHeader].ToString());

    private async Task CreateWebhookAsync(HttpContext ctx)
    {
        var (webhook, _) = await ReadResourceAsync<ShopifyWebhook>(ctx, "webhook");
        var version = ctx.Request.RouteValues["version"]?.ToString() ?? "";
        var signedByApp = accessTokens.IsIssued(ctx.Request.Headers[AccessTokenHeader].ToString());
        await WriteAsync(ctx, new WebhookEnvelope(catalogue.CreateWebhook(webhook, version, signedByApp)), StatusCodes.Status201Created);
    }

    // ---------------------------------------------------------------- reading requests

    private static async Task<JsonObject> ReadBodyAsync(HttpContext ctx)
    {
        try
        {
            return await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject
                ?? throw new BadParameterException("body", "Required parameter missing or invalid");
        }
        catch (JsonException)
        {
            throw new BadParameterException("body", "Required parameter missing or invalid");
        }
    }

    /// <summary>Reads <c>{"name": {...}}</c>; Shopify answers 400 when the wrapper is missing or malformed.</summary>
    private static async Task<(T Resource, JsonObject Raw)> ReadResourceAsync<T>(HttpContext ctx, string name)
    {
        var body = await ReadBodyAsync(ctx);
        if (body[name] is not JsonObject raw)
        {
            throw new BadParameterException(name, "Required parameter missing or invalid");
        }
        try
        {
            return (raw.Deserialize<T>(ShopifyJson.Requests) ?? throw new BadParameterException(name, "Required parameter missing or invalid"), raw);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new BadParameterException(name, "Required parameter missing or invalid");
        }
    }

    private static long RequiredLong(JsonObject body, string name)
    {
        try
        {
            return body[name] switch
            {
                JsonValue value when value.TryGetValue<long>(out var number) => number,
                JsonValue value when value.TryGetValue<string>(out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => throw DemoStoreValidationException.For(name, "Required parameter missing or invalid"),
            };
        }
        catch (InvalidOperationException)
        {
            throw DemoStoreValidationException.For(name, "Required parameter missing or invalid");
        }
    }

    private static long RouteId(HttpContext ctx, string name = "id") =>
        long.TryParse(ctx.Request.RouteValues[name]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new DemoStoreNotFoundException();

    private static string? Query(HttpContext ctx, string name) =>
        ctx.Request.Query.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    /// <summary><c>limit</c>: default 50, at most 250.</summary>
    private static int Limit(HttpContext ctx)
    {
        var text = Query(ctx, "limit");
        if (text is null)
        {
            return DefaultLimit;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            throw new BadParameterException("limit", "Invalid value.");
        }
        return Math.Min(limit, MaxLimit);
    }

    private static HashSet<string>? Fields(HttpContext ctx) =>
        Query(ctx, "fields")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static HashSet<long>? IdSet(Dictionary<string, string> filters, string name) =>
        filters.TryGetValue(name, out var text) && text.Length > 0
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new BadParameterException(name))
                .ToHashSet()
            : null;

    // ---------------------------------------------------------------- writing responses

    private static JsonObject Select(JsonObject product, HashSet<string>? fields)
    {
        if (fields is null)
        {
            return product;
        }
        var selected = new JsonObject();
        foreach (var (key, value) in product.ToList())
        {
            if (fields.Contains(key))
            {
                product.Remove(key);
                selected[key] = value;
            }
        }
        return selected;
    }

    /// <summary>A <c>Link</c> header entry; the cursor carries the filters, so only limit and fields are repeated.</summary>
    private static string Link(HttpContext ctx, string resource, PageCursor cursor, string rel)
    {
        var version = ctx.Request.RouteValues["version"];
        var query = new List<string>();
        if (Query(ctx, "limit") is { } limit)
        {
            query.Add("limit=" + Uri.EscapeDataString(limit));
        }
        if (Query(ctx, "fields") is { } fields)
        {
            query.Add("fields=" + Uri.EscapeDataString(fields));
        }
        query.Add("page_info=" + cursor.Encode());
        return $"<{ctx.Request.Scheme}://{ctx.Request.Host}/admin/api/{version}/{resource}?{string.Join('&', query)}>; rel=\"{rel}\"";
    }

    private static JsonNode ToErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count == 1 && errors.TryGetValue(DemoStoreValidationException.BaseKey, out var list))
        {
            return new JsonArray([.. list.Select(m => JsonValue.Create(m))]);
        }
        var result = new JsonObject();
        foreach (var (field, messages) in errors)
        {
            result[field] = new JsonArray([.. messages.Select(m => JsonValue.Create(m))]);
        }
        return result;
    }

    private static Task ErrorAsync(HttpContext ctx, int status, string message) =>
        WriteAsync(ctx, new JsonObject { ["errors"] = message }, status);

    private static async Task WriteAsync<T>(HttpContext ctx, T body, int status = StatusCodes.Status200OK)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(ctx.Response.Body, body, ShopifyJson.Responses, ctx.RequestAborted);
    }
}
