using System.Net;
using System.Text.Json.Nodes;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>
/// Bulk query operations (shopify.dev "Perform bulk operations with the GraphQL Admin API"): the
/// query runs in the background over the whole catalogue, its JSONL is downloaded from the
/// operation's url with a plain HttpClient, and the limits on queries and concurrency hold.
/// </summary>
public sealed class BulkOperationTests : GraphQLTestBase
{
    /// <summary>Shopify's DateTime: ISO-8601, UTC, to the second.</summary>
    private const string Iso8601Utc = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$";

    private const string RunQuery = """
        mutation Run($query: String!) {
          bulkOperationRunQuery(query: $query) {
            bulkOperation { id status type }
            userErrors { field message code }
          }
        }
        """;

    private const string ProductsWithVariants = """
        {
          products {
            edges {
              cursor
              node {
                id
                title
                variants(first: 1) {
                  edges { node { id sku } }
                  pageInfo { hasNextPage }
                }
              }
            }
            pageInfo { hasNextPage }
          }
        }
        """;

    /// <summary>Products P001... with 1 to 3 variants each (SKUs P001-1...).</summary>
    private Task SeedAsync(int count) => Store.SeedAsync(Enumerable.Range(1, count).Select(i => new ShopifyProduct
    {
        Title = $"P{i:000}",
        Options = [new ShopifyOption { Name = "Size" }],
        Variants = [.. Enumerable.Range(1, 1 + i % 3).Select(v => new ShopifyVariant { Option1 = $"S{v}", Sku = $"P{i:000}-{v}", Price = 1m, InventoryQuantity = v })],
    }));

    private async Task<JsonObject> RunAsync(string query, string version = GraphQLVersion)
    {
        var answer = await GraphQLAsync(RunQuery, new { query }, version);
        Assert.True(answer["errors"] is null, answer.ToJsonString());
        return answer["data"]!["bulkOperationRunQuery"]!.AsObject();
    }

    private async Task<JsonObject> StartAsync(string query, string version = GraphQLVersion)
    {
        var payload = await RunAsync(query, version);
        Assert.Empty(payload["userErrors"]!.AsArray());
        Assert.Equal("CREATED", payload["bulkOperation"]!["status"]!.GetValue<string>());
        return payload["bulkOperation"]!.AsObject();
    }

    private async Task<JsonObject> OperationAsync(string id) =>
        (await DataAsync("""
            query($id: ID!) { bulkOperation(id: $id) { id status errorCode createdAt completedAt objectCount rootObjectCount fileSize url partialDataUrl query type } }
            """, new { id }))["bulkOperation"]!.AsObject();

    private async Task<JsonObject> FinishedAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var operation = await OperationAsync(id);
            if (operation["status"]!.GetValue<string>() is not ("CREATED" or "RUNNING" or "CANCELING"))
            {
                return operation;
            }
            Assert.True(DateTime.UtcNow < deadline, $"bulk operation still {operation["status"]} after 60 s");
            await Task.Delay(50);
        }
    }

    private static async Task<List<JsonObject>> DownloadAsync(string url)
    {
        using var http = new HttpClient(); // no access token: the URL is the credential, as Shopify's signed URLs
        var text = await http.GetStringAsync(url);
        Assert.EndsWith("\n", text);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    [Fact]
    public async Task ABulkQueryOverTheWholeCatalogueWritesEveryProductThenItsVariantsWithParentIds()
    {
        await SeedAsync(300); // more than one internal page of 250 products
        var answer = await GraphQLAsync(RunQuery, new { query = ProductsWithVariants });
        Assert.Equal(10, answer["extensions"]!["cost"]!["actualQueryCost"]!.GetValue<int>()); // only the mutation is charged
        var started = answer["data"]!["bulkOperationRunQuery"]!["bulkOperation"]!;
        Assert.Equal("QUERY", started["type"]!.GetValue<string>());

        var operation = await FinishedAsync(started["id"]!.GetValue<string>());
        Assert.Equal("COMPLETED", operation["status"]!.GetValue<string>());
        Assert.Null(operation["errorCode"]);
        Assert.Matches(Iso8601Utc, operation["createdAt"]!.GetValue<string>());
        Assert.Matches(Iso8601Utc, operation["completedAt"]!.GetValue<string>());
        Assert.Equal(ProductsWithVariants, operation["query"]!.GetValue<string>());
        var url = operation["url"]!.GetValue<string>();
        Assert.StartsWith(Store.BaseUrl.ToString(), url);

        var lines = await DownloadAsync(url);
        var products = Store.Catalogue.ListProductCopies(new SyncDashboard.DemoStores.ProductQuery(), null, 1_000).Products;
        var variantCount = products.Sum(p => p.Variants!.Count);
        Assert.Equal(300, products.Count);
        Assert.Equal(300 + variantCount, lines.Count);
        Assert.Equal(lines.Count.ToString(), operation["objectCount"]!.GetValue<string>());
        Assert.Equal("300", operation["rootObjectCount"]!.GetValue<string>());
        using (var http = new HttpClient())
        {
            Assert.Equal(operation["fileSize"]!.GetValue<string>(), (await http.GetByteArrayAsync(url)).Length.ToString());
        }

        // Parents first, each followed by all of its variants, in the store's order.
        var expected = products.SelectMany(p => new[] { ($"gid://shopify/Product/{p.Id}", (string?)null) }
            .Concat(p.Variants!.Select(v => ($"gid://shopify/ProductVariant/{v.Id}", (string?)$"gid://shopify/Product/{p.Id}")))).ToList();
        Assert.Equal(expected, lines.Select(l => (l["id"]!.GetValue<string>(), l["__parentId"]?.GetValue<string>())).ToList());
        Assert.All(lines.Where(l => l["__parentId"] is null), l => Assert.Equal(["id", "title"], l.Select(p => p.Key)));
        Assert.All(lines.Where(l => l["__parentId"] is not null), l => Assert.Equal(["id", "sku", "__parentId"], l.Select(p => p.Key)));
        var last = products[^1];
        Assert.Contains(lines, l => l["title"]?.GetValue<string>() == last.Title);
        Assert.Equal(last.Variants!.Select(v => v.Sku), lines.Where(l => l["__parentId"]?.GetValue<string>() == $"gid://shopify/Product/{last.Id}").Select(l => l["sku"]!.GetValue<string>()));
    }

    [Fact]
    public async Task NestedConnectionsTwoLevelsDeepNameTheirParentEvenWhenIdIsNotSelected()
    {
        await SeedAsync(4);
        var query = """
            {
              products(query: "title:P00*") {
                nodes {
                  title
                  updatedAt
                  variants {
                    nodes {
                      sku
                      inventoryItem { tracked inventoryLevels { nodes { quantities(names: ["available"]) { quantity } location { name } } } }
                    }
                  }
                }
              }
            }
            """;
        var operation = await FinishedAsync((await StartAsync(query))["id"]!.GetValue<string>());
        Assert.Equal("COMPLETED", operation["status"]!.GetValue<string>());
        var lines = await DownloadAsync(operation["url"]!.GetValue<string>());

        var products = lines.Where(l => l["__parentId"] is null).ToList();
        Assert.Equal(["P001", "P002", "P003", "P004"], products.Select(p => p["title"]!.GetValue<string>()));
        Assert.All(products, p => Assert.Equal(["title", "updatedAt"], p.Select(x => x.Key))); // no hidden id leaks into the line
        Assert.All(products, p => Assert.Matches(Iso8601Utc, p["updatedAt"]!.GetValue<string>()));
        var variants = lines.Where(l => l["__parentId"]?.GetValue<string>().Contains("/Product/") == true).ToList();
        var levels = lines.Where(l => l["__parentId"]?.GetValue<string>().Contains("/ProductVariant/") == true).ToList();
        Assert.Equal(products.Count + variants.Count + levels.Count, lines.Count);
        Assert.Equal(variants.Count, levels.Count); // one location: one level per variant
        Assert.All(variants, v => Assert.Equal(["sku", "inventoryItem", "__parentId"], v.Select(x => x.Key)));
        Assert.All(variants, v => Assert.Equal(["tracked"], v["inventoryItem"]!.AsObject().Select(x => x.Key)));

        // Each level line follows its variant; the variant is the product's, by the store's ids.
        var catalogue = Store.Catalogue.ListProductCopies(new SyncDashboard.DemoStores.ProductQuery(), null, 10).Products;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i]["__parentId"]?.GetValue<string>() is { } parent && parent.Contains("/ProductVariant/"))
            {
                var variant = catalogue.SelectMany(p => p.Variants!).Single(v => $"gid://shopify/ProductVariant/{v.Id}" == parent);
                Assert.Equal(variant.Sku, lines[i - 1]["sku"]!.GetValue<string>());
                Assert.Equal(variant.InventoryQuantity, lines[i]["quantities"]![0]!["quantity"]!.GetValue<int>());
                Assert.Equal("Main warehouse", lines[i]["location"]!["name"]!.GetValue<string>());
            }
        }
        foreach (var product in catalogue)
        {
            var skus = variants.Where(v => v["__parentId"]!.GetValue<string>() == $"gid://shopify/Product/{product.Id}").Select(v => v["sku"]!.GetValue<string>());
            Assert.Equal(product.Variants!.Select(v => v.Sku), skus);
        }
    }

    [Fact]
    public async Task BeforeVersion202601ASecondBulkQueryIsRefusedWhileOneRuns()
    {
        await SeedAsync(3);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Store.GraphQL.BulkOperations.Hold = hold;
        var first = await StartAsync(ProductsWithVariants, "2025-10");

        var second = await RunAsync(ProductsWithVariants, "2025-10");
        Assert.Null(second["bulkOperation"]);
        var error = second["userErrors"]![0]!;
        Assert.Equal("OPERATION_IN_PROGRESS", error["code"]!.GetValue<string>());
        Assert.Contains(first["id"]!.GetValue<string>(), error["message"]!.GetValue<string>());

        var current = (await DataAsync("{ currentBulkOperation(type: QUERY) { id status } }"))["currentBulkOperation"]!;
        Assert.Equal(first["id"]!.GetValue<string>(), current["id"]!.GetValue<string>());
        Assert.Equal("CREATED", current["status"]!.GetValue<string>());

        hold.SetResult();
        Assert.Equal("COMPLETED", (await FinishedAsync(first["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
        var third = await StartAsync(ProductsWithVariants, "2025-10");
        Assert.Equal("COMPLETED", (await FinishedAsync(third["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task From202601FiveBulkQueriesRunAtOnceAndASixthIsRefused()
    {
        await SeedAsync(2);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Store.GraphQL.BulkOperations.Hold = hold;
        var running = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            running.Add((await StartAsync(ProductsWithVariants))["id"]!.GetValue<string>());
        }
        var sixth = await RunAsync(ProductsWithVariants);
        Assert.Null(sixth["bulkOperation"]);
        Assert.Equal("OPERATION_IN_PROGRESS", sixth["userErrors"]![0]!["code"]!.GetValue<string>());

        hold.SetResult();
        foreach (var id in running)
        {
            Assert.Equal("COMPLETED", (await FinishedAsync(id))["status"]!.GetValue<string>());
        }
        Assert.Equal(5, running.Distinct().Count());
    }

    [Fact]
    public async Task QueriesOutsideShopifysRestrictionsAreRefusedAsInvalid()
    {
        async Task<string> RefusedAsync(string query)
        {
            var payload = await RunAsync(query);
            Assert.Null(payload["bulkOperation"]);
            var error = payload["userErrors"]![0]!;
            Assert.Equal("INVALID", error["code"]!.GetValue<string>());
            Assert.Equal(["query"], error["field"]!.AsArray().Select(f => f!.GetValue<string>()));
            return error["message"]!.GetValue<string>();
        }

        Assert.Contains("at least one connection", await RefusedAsync("{ shop { name } }"));
        Assert.Contains("Invalid bulk query", await RefusedAsync("{ products { edges { node { id "));
        Assert.Contains("Invalid bulk query", await RefusedAsync("{ products { edges { node { nope } } } }"));
        Assert.Contains("more than 5 connections", await RefusedAsync("""
            { products { nodes { a: variants { nodes { id } } b: variants { nodes { id } } c: media { nodes { id } } d: metafields { nodes { id } } e: variants { nodes { id } } } } }
            """));
        Assert.Contains("nested more than 2 levels", await RefusedAsync("""
            { products { nodes { variants { nodes { inventoryItem { inventoryLevels { nodes { item { inventoryLevels { nodes { id } } } } } } } } } } }
            """));
        Assert.Contains("single top-level field", await RefusedAsync("{ products { nodes { id } } locations { nodes { id } } }"));
        Assert.Null((await DataAsync("{ currentBulkOperation { id } }"))["currentBulkOperation"]);
    }

    [Fact]
    public async Task AnOperationWithoutResultsHasNoUrlAndOneCanceledStops()
    {
        await SeedAsync(3);
        var empty = await FinishedAsync((await StartAsync("""{ products(query: "title:nothing-matches") { nodes { id } } }"""))["id"]!.GetValue<string>());
        Assert.Equal("COMPLETED", empty["status"]!.GetValue<string>());
        Assert.Equal("0", empty["objectCount"]!.GetValue<string>());
        Assert.Null(empty["url"]);

        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Store.GraphQL.BulkOperations.Hold = hold;
        var id = (await StartAsync(ProductsWithVariants))["id"]!.GetValue<string>();
        var cancel = (await DataAsync("""
            mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { id status } userErrors { field message } } }
            """, new { id }))["bulkOperationCancel"]!;
        Assert.Empty(cancel["userErrors"]!.AsArray());
        Assert.Equal("CANCELING", cancel["bulkOperation"]!["status"]!.GetValue<string>());
        var canceled = await FinishedAsync(id);
        Assert.Equal("CANCELED", canceled["status"]!.GetValue<string>());
        Assert.Null(canceled["url"]);

        var again = (await DataAsync("""
            mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }
            """, new { id }))["bulkOperationCancel"]!;
        Assert.NotEmpty(again["userErrors"]!.AsArray());
    }

    [Fact]
    public async Task TheResultUrlNeedsNoTokenButCannotBeGuessedAndTheFinishWebhookArrives()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await DataAsync($$"""
            mutation { webhookSubscriptionCreate(topic: BULK_OPERATIONS_FINISH, webhookSubscription: { uri: "{{receiver.Address}}" }) { userErrors { message } } }
            """);
        await SeedAsync(2);
        var id = (await StartAsync(ProductsWithVariants))["id"]!.GetValue<string>();
        var operation = await FinishedAsync(id);
        var url = new Uri(operation["url"]!.GetValue<string>());
        Assert.Equal(2 + 2 + 3, (await DownloadAsync(url.ToString())).Count); // P001 has 2 variants, P002 has 3

        using var http = new HttpClient();
        using var guessed = await http.GetAsync(new Uri(Store.BaseUrl, $"bulk/{id.Split('/')[^1]}.jsonl"));
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);

        var webhook = (await receiver.WaitForAsync(r => r.Any(w => w.Topic == "bulk_operations/finish")))
            .First(w => w.Topic == "bulk_operations/finish");
        var body = JsonNode.Parse(webhook.BodyText)!;
        Assert.Equal(id, body["admin_graphql_api_id"]!.GetValue<string>());
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        Assert.Equal("query", body["type"]!.GetValue<string>());
    }
}
