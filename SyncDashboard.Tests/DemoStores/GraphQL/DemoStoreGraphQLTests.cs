using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>The demo store's GraphQL Admin API answers as Shopify documents it for 2026-10.</summary>
public sealed class DemoStoreGraphQLTests : GraphQLTestBase
{
    [Fact]
    public async Task ShopAndLocationsAnswerWithGlobalIdsAndTheCostOfTheQuery()
    {
        var answer = await GraphQLAsync("{ shop { name myshopifyDomain } locations(first: 5) { nodes { id name isActive } } }");

        Assert.Equal("test-store", answer["data"]!["shop"]!["name"]!.GetValue<string>());
        Assert.Equal("test-store.myshopify.com", answer["data"]!["shop"]!["myshopifyDomain"]!.GetValue<string>());
        var location = answer["data"]!["locations"]!["nodes"]![0]!;
        Assert.Equal($"gid://shopify/Location/{Store.PrimaryLocationId}", location["id"]!.GetValue<string>());
        var cost = answer["extensions"]!["cost"]!;
        // shop (object) 1 + locations connection 2 + 5 requested nodes; one location came back.
        Assert.Equal(8, cost["requestedQueryCost"]!.GetValue<int>());
        Assert.Equal(4, cost["actualQueryCost"]!.GetValue<int>());
        Assert.Equal(2000, cost["throttleStatus"]!["maximumAvailable"]!.GetValue<double>());
        Assert.Equal(100, cost["throttleStatus"]!["restoreRate"]!.GetValue<double>());
        Assert.InRange(cost["throttleStatus"]!["currentlyAvailable"]!.GetValue<int>(), 1990, 2000);
    }

    [Fact]
    public async Task ProductSetCreatesTheProductWithItsVariantsStockAndMarkerAndRestSeesTheSame()
    {
        var location = await PrimaryLocationGidAsync();
        var data = await DataAsync(ProductSet, new
        {
            input = new
            {
                title = "Ocean Blue Shirt",
                descriptionHtml = "<p>Soft.</p>",
                vendor = "Ocean",
                tags = new[] { "summer", "blue" },
                productOptions = new[] { new { name = "Size", values = new[] { new { name = "S" }, new { name = "M" } } } },
                variants = new[]
                {
                    new { optionValues = new[] { new { optionName = "Size", name = "S" } }, price = "19.99", inventoryItem = new { sku = "OBS-S", tracked = true }, inventoryQuantities = new[] { new { locationId = location, name = "available", quantity = 7 } } },
                    new { optionValues = new[] { new { optionName = "Size", name = "M" } }, price = "21.00", inventoryItem = new { sku = "OBS-M", tracked = true }, inventoryQuantities = new[] { new { locationId = location, name = "available", quantity = 3 } } },
                },
                metafields = new[] { new { @namespace = "syncdashboard", key = "source", type = "single_line_text_field", value = "urban:42" } },
            },
        });

        var product = data["productSet"]!["product"]!;
        Assert.Empty(data["productSet"]!["userErrors"]!.AsArray());
        Assert.StartsWith("gid://shopify/Product/", product["id"]!.GetValue<string>());
        Assert.Equal("ACTIVE", product["status"]!.GetValue<string>());
        var variants = product["variants"]!["nodes"]!.AsArray();
        Assert.Equal(["OBS-S", "OBS-M"], variants.Select(v => v!["sku"]!.GetValue<string>()));
        Assert.Equal(["19.99", "21.00"], variants.Select(v => v!["price"]!.GetValue<string>()));
        Assert.Equal([7, 3], variants.Select(v => v!["inventoryQuantity"]!.GetValue<int>()));

        var id = long.Parse(product["id"]!.GetValue<string>().Split('/')[^1]);
        var rest = await ReadJsonAsync(await Http.GetAsync($"products/{id}.json"));
        Assert.Equal("<p>Soft.</p>", rest["product"]!["body_html"]!.GetValue<string>());
        Assert.Equal("blue, summer", rest["product"]!["tags"]!.GetValue<string>());
        var metafields = await ReadJsonAsync(await Http.GetAsync($"products/{id}/metafields.json"));
        Assert.Equal("urban:42", metafields["metafields"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProductSetUpdateReplacesTheVariantListAndKeepsOmittedFields()
    {
        var created = await CreateWithSkusAsync("Hat", "HAT-1", "HAT-2", "HAT-3");
        var keep = created["variants"]!["nodes"]![0]!;

        var data = await DataAsync(ProductSet, new
        {
            identifier = new { id = created["id"]!.GetValue<string>() },
            input = new
            {
                variants = new[] { new { id = keep["id"]!.GetValue<string>(), optionValues = new[] { new { optionName = "Size", name = "HAT-1" } }, price = "12.50" } },
            },
        });

        var product = data["productSet"]!["product"]!;
        Assert.Equal("Hat", product["title"]!.GetValue<string>());
        var variants = product["variants"]!["nodes"]!.AsArray();
        var only = Assert.Single(variants);
        Assert.Equal(keep["id"]!.GetValue<string>(), only!["id"]!.GetValue<string>());
        Assert.Equal("12.50", only["price"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefusalsAreUserErrorsWithFieldPathsNeverACrash()
    {
        var blank = await DataAsync(ProductSet, new { input = new { title = "" } });
        var error = blank["productSet"]!["userErrors"]![0]!;
        Assert.Equal(["input", "title"], error["field"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("Title can't be blank", error["message"]!.GetValue<string>());
        Assert.Null(blank["productSet"]!["product"]);

        var missing = await DataAsync(ProductSet, new { identifier = new { id = "gid://shopify/Product/1" }, input = new { title = "x" } });
        Assert.Equal("PRODUCT_DOES_NOT_EXIST", missing["productSet"]!["userErrors"]![0]!["code"]!.GetValue<string>());

        var unknownField = await GraphQLAsync("{ shop { nameOfTheOwner } }");
        Assert.Contains("nameOfTheOwner", unknownField["errors"]![0]!["message"]!.GetValue<string>());

        var syntax = await GraphQLAsync("{ shop { name ");
        Assert.NotNull(syntax["errors"]);

        // Values that are no Int, in a variable or a literal: validation errors in HTTP 200, as Shopify answers them.
        var notAnInt = await GraphQLAsync("query($n: Int!) { products(first: $n) { nodes { id } } }", new { n = "abc" });
        Assert.NotNull(notAnInt["errors"]);
        var tooBig = await GraphQLAsync("{ products(first: 99999999999) { nodes { id } } }");
        Assert.NotNull(tooBig["errors"]);
    }

    [Fact]
    public async Task ProductsPageByCursorAndFilterByUpdatedAtAndStatus()
    {
        for (var i = 1; i <= 5; i++)
        {
            await CreateWithSkusAsync($"Product {i}", $"P-{i}");
        }
        const string Page = """
            query Page($after: String, $query: String) {
              products(first: 2, after: $after, query: $query) { edges { cursor node { title } } pageInfo { hasNextPage hasPreviousPage endCursor } }
            }
            """;

        var titles = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var products = (await DataAsync(Page, new { after }))["products"]!;
            titles.AddRange(products["edges"]!.AsArray().Select(e => e!["node"]!["title"]!.GetValue<string>()));
            after = products["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? products["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            pages++;
        }
        while (after is not null);
        Assert.Equal(["Product 1", "Product 2", "Product 3", "Product 4", "Product 5"], titles);
        Assert.Equal(3, pages);

        var future = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        Assert.Empty((await DataAsync(Page, new { query = $"updated_at:>'{future}'" }))["products"]!["edges"]!.AsArray());
        Assert.Equal(2, (await DataAsync(Page, new { query = "updated_at:>'2020-01-01T00:00:00Z' AND status:active" }))["products"]!["edges"]!.AsArray().Count);
        Assert.Empty((await DataAsync(Page, new { query = "status:draft" }))["products"]!["edges"]!.AsArray());
        var count = await DataAsync("{ productsCount(query: \"status:active\") { count precision } }");
        Assert.Equal(5, count["productsCount"]!["count"]!.GetValue<int>());
        Assert.Equal("EXACT", count["productsCount"]!["precision"]!.GetValue<string>());
    }

    [Fact]
    public async Task CostCountsRequestedNodesBeforeAndReturnedNodesAfter()
    {
        await CreateWithSkusAsync("A", "A-1");
        await CreateWithSkusAsync("B", "B-1", "B-2");

        var answer = await GraphQLAsync("{ products(first: 10) { edges { node { id variants(first: 5) { nodes { id sku } } } } } }");

        var cost = answer["extensions"]!["cost"]!;
        // Requested: 2 + 10 x (product 1 + variants 2 + 5 x 1) = 82. Actual: 2 + (1 + 2 + 1) + (1 + 2 + 2) = 11.
        Assert.Equal(82, cost["requestedQueryCost"]!.GetValue<int>());
        Assert.Equal(11, cost["actualQueryCost"]!.GetValue<int>());

        var mutation = await GraphQLAsync("mutation { webhookSubscriptionDelete(id: \"gid://shopify/WebhookSubscription/1\") { userErrors { message } } }");
        Assert.Equal(10, mutation["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
    }

    [Fact]
    public async Task AQueryAboveAThousandPointsIsRefusedUnrun()
    {
        var answer = await GraphQLAsync("{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }");

        Assert.Equal("MAX_COST_EXCEEDED", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(answer["data"]);
    }

    [Fact]
    public async Task WebhookSubscriptionsMadeInGraphQLAreTheStoresSubscriptions()
    {
        var created = await DataAsync("""
            mutation { webhookSubscriptionCreate(topic: PRODUCTS_UPDATE, webhookSubscription: { uri: "https://example.com/hooks", format: JSON }) {
              webhookSubscription { id topic uri format } userErrors { field message } } }
            """);
        var subscription = created["webhookSubscriptionCreate"]!["webhookSubscription"]!;
        Assert.Equal("PRODUCTS_UPDATE", subscription["topic"]!.GetValue<string>());
        Assert.Equal("https://example.com/hooks", subscription["uri"]!.GetValue<string>());

        var rest = await ReadJsonAsync(await Http.GetAsync("webhooks.json"));
        Assert.Equal("products/update", rest["webhooks"]![0]!["topic"]!.GetValue<string>());

        var listed = await DataAsync("{ webhookSubscriptions(first: 10, topics: [PRODUCTS_UPDATE]) { nodes { id uri } } }");
        Assert.Single(listed["webhookSubscriptions"]!["nodes"]!.AsArray());

        var bad = await DataAsync("""
            mutation { webhookSubscriptionCreate(topic: PRODUCTS_CREATE, webhookSubscription: { uri: "not a url" }) { webhookSubscription { id } userErrors { field message } } }
            """);
        Assert.Equal(["webhookSubscription", "uri"], bad["webhookSubscriptionCreate"]!["userErrors"]![0]!["field"]!.AsArray().Select(f => f!.GetValue<string>()));

        var deleted = await DataAsync($$"""mutation { webhookSubscriptionDelete(id: "{{subscription["id"]}}") { deletedWebhookSubscriptionId userErrors { message } } }""");
        Assert.Equal(subscription["id"]!.GetValue<string>(), deleted["webhookSubscriptionDelete"]!["deletedWebhookSubscriptionId"]!.GetValue<string>());
    }
}
