using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>A demo store and a plain client of its GraphQL Admin API (POST graphql.json, as any GraphQL client sends).</summary>
public abstract class GraphQLTestBase : DemoStoreTestBase
{
    protected const string GraphQLVersion = "2026-10";

    /// <summary>Posts a document; asserts HTTP 200 (Shopify answers GraphQL errors in 200) and returns the body.</summary>
    protected async Task<JsonObject> GraphQLAsync(string query, object? variables = null, string version = GraphQLVersion, string token = Token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Store.BaseUrl, $"admin/api/{version}/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", token);
        using var response = await http.PostAsJsonAsync("graphql.json", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The <c>data</c> of an answer that must have no errors.</summary>
    protected async Task<JsonObject> DataAsync(string query, object? variables = null)
    {
        var answer = await GraphQLAsync(query, variables);
        Assert.True(answer["errors"] is null, answer.ToJsonString());
        return answer["data"]!.AsObject();
    }

    protected const string ProductSet = """
        mutation Set($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
          productSet(input: $input, identifier: $identifier, synchronous: true) {
            product { id title status tags variantsCount { count } variants(first: 250) { nodes { id sku price inventoryQuantity inventoryItem { id tracked } selectedOptions { name value } } } }
            userErrors { field message code }
          }
        }
        """;

    protected async Task<string> PrimaryLocationGidAsync() =>
        (await DataAsync("{ location { id } }"))["location"]!["id"]!.GetValue<string>();

    /// <summary>Creates a product through productSet with one option (Size) and the given SKUs; returns the product.</summary>
    protected async Task<JsonObject> CreateWithSkusAsync(string title, params string[] skus)
    {
        var location = await PrimaryLocationGidAsync();
        var data = await DataAsync(ProductSet, new
        {
            input = new
            {
                title,
                status = "ACTIVE",
                productOptions = new[] { new { name = "Size", values = skus.Select(s => new { name = s }).ToArray() } },
                variants = skus.Select((sku, i) => new
                {
                    optionValues = new[] { new { optionName = "Size", name = sku } },
                    price = "10.00",
                    inventoryItem = new { sku, tracked = true },
                    inventoryQuantities = new[] { new { locationId = location, name = "available", quantity = i + 1 } },
                }).ToArray(),
            },
        });
        var payload = data["productSet"]!;
        Assert.Empty(payload["userErrors"]!.AsArray());
        return payload["product"]!.AsObject();
    }
}
