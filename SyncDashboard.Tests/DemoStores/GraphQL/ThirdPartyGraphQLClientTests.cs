using System.Text.Json.Nodes;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.GraphQL;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>
/// The GraphQL Admin API checked with clients we did not write: Shopify's own GraphQL client
/// (@shopify/admin-api-client) and shopify-api-node's <c>graphql()</c>, each pointed at a demo
/// store by its address only (scripts in <c>ThirdPartyClients/</c>, run with Node.js).
/// </summary>
[Collection(NodeClientsCollection.Name)]
public sealed class ThirdPartyGraphQLClientTests(NodeClients clients) : GraphQLTestBase
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The burst: 20 concurrent queries of 22 points each (440) against a bucket of 200 restoring 50 a second.</summary>
    private const int Burst = 20;
    private const int SmallBucket = 200;
    private const int SmallRestoreRate = 50;

    private Dictionary<string, string> Environment(string? mode = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["STORE"] = $"{Store.BaseUrl.Host}:{Store.BaseUrl.Port}",
            ["TOKEN"] = Token,
            ["API_VERSION"] = GraphQLVersion,
        };
        if (mode is not null)
        {
            environment["MODE"] = mode;
            environment["BURST"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return environment;
    }

    private Task SeedAsync(int count) => Store.SeedAsync(Enumerable.Range(1, count).Select(i => new ShopifyProduct
    {
        Title = $"Product {i:000}",
        Variants = [new ShopifyVariant { Sku = $"SKU-{i:000}", Price = 10 + i, InventoryQuantity = i }],
    }));

    /// <summary>The store again, with a GraphQL bucket small enough for a short burst to run it dry.</summary>
    private async Task UseSmallGraphQLBucketAsync()
    {
        Store.Options.GraphQLBucketSize = SmallBucket;
        Store.Options.GraphQLRestoreRatePerSecond = SmallRestoreRate;
        await RestartStoreAsync();
    }

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    [Fact]
    public async Task ShopifysOwnGraphQLClientReadsPagesCreatesAndReadsBackAgainstTheDemoStore()
    {
        Assert.NotNull(clients);
        await SeedAsync(300);
        var catalogue = Store.Catalogue.ListProductCopies(ProductSearchQuery.Parse(null), null, 1_000).Products
            .Select(p => $"gid://shopify/Product/{p.Id}={p.Title}").ToList();
        Assert.Equal(300, catalogue.Count);

        var seen = JsonNode.Parse(await NodeClients.RunScriptAsync("admin-api-client-graphql.mjs", Environment(), ScriptTimeout))!;

        // Only the scheme of the address the client built was changed on the way.
        Assert.Equal([$"https://{Store.BaseUrl.Host}:{Store.BaseUrl.Port}/admin/api/{GraphQLVersion}/graphql.json"], Strings(seen["urls"]));
        Assert.True(seen["errors"]!.AsArray().Count == 0, seen["errors"]!.ToJsonString());
        Assert.Equal("""{"name":"test-store","myshopifyDomain":"test-store.myshopify.com"}""", seen["shop"]!.ToJsonString());
        Assert.Equal($"gid://shopify/Location/{Store.PrimaryLocationId}", (string)seen["location"]!);

        // The client hands over extensions.cost as the store sent it: shop 1 + location 1.
        var shopCost = seen["shopCost"]!;
        Assert.Equal((2, 2), ((int)shopCost["requestedQueryCost"]!, (int)shopCost["actualQueryCost"]!));
        Assert.Equal((2000, 100), ((int)shopCost["throttleStatus"]!["maximumAvailable"]!, (int)shopCost["throttleStatus"]!["restoreRate"]!));
        Assert.InRange((int)shopCost["throttleStatus"]!["currentlyAvailable"]!, 1990, 2000);

        var fetched = seen["fetch"]!;
        Assert.Equal(200, (int)fetched["status"]!);
        Assert.StartsWith("application/json", (string)fetched["contentType"]!);
        Assert.Equal(GraphQLVersion, (string)fetched["apiVersion"]!);
        Assert.Equal("test-store", (string)fetched["body"]!["data"]!["shop"]!["name"]!);
        Assert.NotNull(fetched["body"]!["extensions"]!["cost"]);

        // Three pages of 100 by endCursor: every product once, in the store's order, each page
        // costing 2 + 100 nodes and leaving the bucket lower than the page before.
        Assert.Equal(catalogue, seen["products"]!.AsArray().Select(p => $"{p!["id"]}={p["title"]}"));
        var pages = seen["pageCosts"]!.AsArray();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, c => Assert.Equal((102, 102), ((int)c!["requestedQueryCost"]!, (int)c["actualQueryCost"]!)));
        var available = pages.Select(c => (int)c!["throttleStatus"]!["currentlyAvailable"]!).ToList();
        Assert.True(available[0] > available[2] && available[2] < 2000 - 204, string.Join(", ", available));

        // productSet, then product(id:) with variants, inventory items and levels; the store over REST agrees.
        Assert.Empty(seen["productSet"]!["userErrors"]!.AsArray());
        Assert.Equal(10, (int)seen["productSetCost"]!["requestedQueryCost"]!);
        var product = seen["product"]!;
        Assert.Equal(seen["productSet"]!["product"]!["id"]!.ToJsonString(), product["id"]!.ToJsonString());
        Assert.Equal(("GraphQL Probe", "Probe", "ACTIVE"), ((string)product["title"]!, (string)product["vendor"]!, (string)product["status"]!));
        Assert.Equal(["graphql", "probe"], Strings(product["tags"]).Order());
        var variants = product["variants"]!["nodes"]!.AsArray();
        Assert.Equal(["GQL-S", "GQL-M"], variants.Select(v => (string)v!["sku"]!));
        Assert.Equal(["12.50", "13.00"], variants.Select(v => (string)v!["price"]!));
        Assert.Equal(["Size=S", "Size=M"], variants.Select(v => $"{v!["selectedOptions"]![0]!["name"]}={v["selectedOptions"]![0]!["value"]}"));
        Assert.All(variants, v => Assert.Equal(("GQL-" + (string)v!["selectedOptions"]![0]!["value"]!, true),
            ((string)v["inventoryItem"]!["sku"]!, (bool)v["inventoryItem"]!["tracked"]!)));
        var levels = variants.Select(v => Assert.Single(v!["inventoryItem"]!["inventoryLevels"]!["nodes"]!.AsArray())!).ToList();
        Assert.All(levels, l => Assert.Equal((string)seen["location"]!, (string)l["location"]!["id"]!));
        Assert.Equal("""[[{"name":"available","quantity":4}],[{"name":"available","quantity":9}]]""",
            new JsonArray([.. levels.Select(l => l["quantities"]!.DeepClone())]).ToJsonString());

        var id = long.Parse(((string)product["id"]!).Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var rest = (await ReadJsonAsync(await Http.GetAsync($"products/{id}.json")))["product"]!;
        Assert.Equal("GraphQL Probe", (string)rest["title"]!);
        Assert.Equal(["GQL-S:12.50:4", "GQL-M:13.00:9"], rest["variants"]!.AsArray().Select(v => $"{v!["sku"]}:{v["price"]}:{v["inventory_quantity"]}"));
        Assert.Equal(variants.Select(v => (string)v!["inventoryItem"]!["id"]!),
            rest["variants"]!.AsArray().Select(v => $"gid://shopify/InventoryItem/{v!["inventory_item_id"]}"));
        Assert.Equal(301, Store.ProductCount);

        // Errors come back in the client's own shape: HTTP 200 with graphQLErrors, the cost kept.
        var unknown = seen["unknownField"]!;
        Assert.Equal(200, (int)unknown["status"]!);
        Assert.Contains("nameOfTheOwner", (string)unknown["graphQLErrors"]![0]!["message"]!);
        Assert.Null(unknown["data"]);
        var throttled = seen["throttled"]!;
        Assert.Equal(200, (int)throttled["status"]!);
        Assert.Equal("THROTTLED", (string)throttled["graphQLErrors"]![0]!["extensions"]!["code"]!);
        Assert.Equal(252, (int)throttled["cost"]!["requestedQueryCost"]!);
        Assert.Null(throttled["cost"]!["actualQueryCost"]);
        Assert.InRange((int)throttled["cost"]!["throttleStatus"]!["currentlyAvailable"]!, 0, 251);
        Assert.Null(throttled["data"]);
        Assert.Equal(401, (int)seen["unauthorized"]!["status"]!);
    }

    [Fact]
    public async Task ShopifyApiNodesAutoLimitDoesNotPaceGraphQLSoABurstOverTheBucketIsThrottled()
    {
        await UseSmallGraphQLBucketAsync();
        await SeedAsync(20);

        var seen = JsonNode.Parse(await NodeClients.RunScriptAsync("shopify-api-node-graphql.cjs", Environment("autoLimit"), ScriptTimeout))!;

        Assert.Equal("Missing or invalid options", (string)seen["bothOptions"]!);
        Assert.True(seen["otherErrors"]!.AsArray().Count == 0, seen["otherErrors"]!.ToJsonString());
        var throttled = seen["throttled"]!.AsArray();
        var answered = (int)seen["answered"]!;
        // 440 points asked of a bucket of 200: about 9 queries fit (and what restored meanwhile), the
        // rest are sent anyway, refused, and the caller gets the error.
        Assert.Equal(Burst, answered + throttled.Count);
        Assert.NotEmpty(throttled);
        Assert.InRange(answered * 22, 1, SmallBucket + ((int)seen["elapsedMs"]! * SmallRestoreRate / 1000));
        Assert.All(throttled, t => Assert.Equal(("Throttled", "THROTTLED"), ((string)t!["message"]!, (string)t["extensions"]!["code"]!)));
        // It did read the store's numbers (callGraphqlLimits), from answers and refusals alike; it just does not act on them.
        var limits = seen["limits"]!.AsArray();
        Assert.Equal(Burst, limits.Count);
        Assert.All(limits, l => Assert.Equal((SmallBucket, SmallRestoreRate, 22), ((int)l!["max"]!, (int)l["restoreRate"]!, (int)l["requestedQueryCost"]!)));
        Assert.Equal(throttled.Count, limits.Count(l => l!["actualQueryCost"] is null));
        Assert.InRange(limits.Min(l => (int)l!["remaining"]!), 0, 21);
    }

    [Fact]
    public async Task ShopifyApiNodesMaxRetriesWaitsOutEachThrottledAnswerForAsLongAsItsThrottleStatusSays()
    {
        await UseSmallGraphQLBucketAsync();
        await SeedAsync(20);

        var seen = JsonNode.Parse(await NodeClients.RunScriptAsync("shopify-api-node-graphql.cjs", Environment("maxRetries"), ScriptTimeout))!;

        // Every query answered; no THROTTLED reached the caller.
        Assert.True(seen["otherErrors"]!.AsArray().Count == 0 && seen["throttled"]!.AsArray().Count == 0, seen.ToJsonString());
        Assert.Equal(Burst, (int)seen["answered"]!);
        // The store did refuse some (the library retried them), and each retry waited the time the
        // refusal's throttleStatus implies: (requested - currentlyAvailable) / restoreRate.
        var retries = seen["retries"]!.AsArray();
        Assert.NotEmpty(retries);
        Assert.All(retries, r =>
        {
            Assert.Equal("THROTTLED", (string)r!["code"]!);
            var status = r["cost"]!["throttleStatus"]!;
            Assert.Equal((SmallBucket, SmallRestoreRate), ((int)status["maximumAvailable"]!, (int)status["restoreRate"]!));
            var wait = ((int)r["cost"]!["requestedQueryCost"]! - (int)status["currentlyAvailable"]!) * 1000.0 / SmallRestoreRate;
            Assert.True(wait > 0 && (int)r["waitedMs"]! >= wait - 2, r.ToJsonString());
        });
        // The store's limit held: 440 points with 200 in the bucket take at least (440 - 200) / 50 s.
        Assert.True((int)seen["elapsedMs"]! >= (Burst * 22 - SmallBucket) * 1000 / SmallRestoreRate - 200, seen["elapsedMs"]!.ToJsonString());
        var limits = seen["limits"]!.AsArray();
        Assert.Equal(Burst + retries.Count, limits.Count);
        Assert.All(limits, l => Assert.Equal((SmallBucket, SmallRestoreRate), ((int)l!["max"]!, (int)l["restoreRate"]!)));
    }
}
