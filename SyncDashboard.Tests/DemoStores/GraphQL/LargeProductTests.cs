using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>
/// Products of more than 100 variants (up to 2,048 since 2025-10-15): GraphQL writes and pages
/// them all; REST returns the first 100 and refuses to write to them, as Shopify's docs say.
/// </summary>
public sealed class LargeProductTests : GraphQLTestBase
{
    private async Task<JsonObject> CreateGridAsync(int sizes, int colors)
    {
        var data = await DataAsync(ProductSet, new
        {
            input = new
            {
                title = "Grid tee",
                productOptions = new object[]
                {
                    new { name = "Size", values = Enumerable.Range(1, sizes).Select(s => new { name = $"S{s}" }).ToArray() },
                    new { name = "Color", values = Enumerable.Range(1, colors).Select(c => new { name = $"C{c}" }).ToArray() },
                },
                variants = (from s in Enumerable.Range(1, sizes)
                            from c in Enumerable.Range(1, colors)
                            select new
                            {
                                optionValues = new[] { new { optionName = "Size", name = $"S{s}" }, new { optionName = "Color", name = $"C{c}" } },
                                price = "5.00",
                                inventoryItem = new { sku = $"GT-{s}-{c}", tracked = true },
                            }).ToArray(),
            },
        });
        return data["productSet"]!.AsObject();
    }

    [Fact]
    public async Task GraphQLWritesAndPagesAProductOf150VariantsWhileRestSeesAndWritesOnly100()
    {
        var payload = await CreateGridAsync(sizes: 15, colors: 10);
        Assert.Empty(payload["userErrors"]!.AsArray());
        var gid = payload["product"]!["id"]!.GetValue<string>();
        Assert.Equal(150, payload["product"]!["variantsCount"]!["count"]!.GetValue<int>());

        var skus = new List<string>();
        string? after = null;
        do
        {
            var page = (await DataAsync("""
                query($id: ID!, $after: String) { product(id: $id) { variants(first: 60, after: $after) { nodes { sku } pageInfo { hasNextPage endCursor } } } }
                """, new { id = gid, after }))["product"]!["variants"]!;
            skus.AddRange(page["nodes"]!.AsArray().Select(n => n!["sku"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        Assert.Equal(150, skus.Distinct().Count());

        var id = gid.Split('/')[^1];
        var rest = await ReadJsonAsync(await Http.GetAsync($"products/{id}.json"));
        Assert.Equal(100, rest["product"]!["variants"]!.AsArray().Count);
        var listed = await ReadJsonAsync(await Http.GetAsync("products.json"));
        Assert.Equal(100, listed["products"]![0]!["variants"]!.AsArray().Count);

        using var update = await Http.PutAsJsonAsync($"products/{id}.json", new { product = new { id = long.Parse(id), title = "Renamed" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, update.StatusCode);
        Assert.Contains("more than 100 variants", await update.Content.ReadAsStringAsync());
        Assert.Equal("Grid tee", (await DataAsync($$"""{ product(id: "{{gid}}") { title } }"""))["product"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task RestRefusesToCreateMoreThan100VariantsAndGraphQLMoreThan2048()
    {
        var variants = Enumerable.Range(1, 101).Select(i => new { option1 = $"V{i}", price = "1.00" }).ToArray();
        using var response = await Http.PostAsJsonAsync("products.json", new { product = new { title = "Too wide", options = new[] { new { name = "Size" } }, variants } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Exceeded maximum number of variants allowed", await response.Content.ReadAsStringAsync());

        var payload = await CreateGridAsync(sizes: 41, colors: 50);
        Assert.Null(payload["product"]);
        Assert.Equal(["input", "variants"], payload["userErrors"]![0]!["field"]!.AsArray().Select(f => f!.GetValue<string>()));
    }
}
