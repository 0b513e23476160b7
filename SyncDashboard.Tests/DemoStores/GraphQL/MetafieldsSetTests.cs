using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>
/// metafieldsSet (2026-10): an atomic upsert of up to 25 product metafields, with compareDigest's
/// compare-and-set; REST's products/{id}/metafields.json reads the same metafields.
/// </summary>
public sealed class MetafieldsSetTests : GraphQLTestBase
{
    private const string MetafieldsSet = """
        mutation Set($metafields: [MetafieldsSetInput!]!) {
          metafieldsSet(metafields: $metafields) {
            metafields { id namespace key value type compareDigest }
            userErrors { field message code elementIndex }
          }
        }
        """;

    private async Task<(string Gid, string Id)> ProductAsync(string title)
    {
        var gid = (await CreateWithSkusAsync(title, $"{title}-1"))["id"]!.GetValue<string>();
        return (gid, gid.Split('/')[^1]);
    }

    private async Task<JsonArray> RestMetafieldsAsync(string id) =>
        (await Http.GetFromJsonAsync<JsonObject>($"products/{id}/metafields.json"))!["metafields"]!.AsArray();

    private async Task<JsonObject> SetAsync(object metafields) =>
        (await DataAsync(MetafieldsSet, new { metafields }))["metafieldsSet"]!.AsObject();

    [Fact]
    public async Task SetCreatesThenUpdatesInPlaceAndRestReadsTheSameMetafields()
    {
        var (gid, id) = await ProductAsync("Mf");
        var created = await SetAsync(new object[]
        {
            new { ownerId = gid, @namespace = "custom", key = "material", type = "single_line_text_field", value = "cotton" },
            new { ownerId = gid, @namespace = "custom", key = "weight_g", type = "number_integer", value = "180" },
        });
        Assert.Empty(created["userErrors"]!.AsArray());
        var first = created["metafields"]!.AsArray();
        Assert.Equal(["material", "weight_g"], first.Select(m => m!["key"]!.GetValue<string>()));

        var updated = await SetAsync(new[] { new { ownerId = gid, @namespace = "custom", key = "material", type = "single_line_text_field", value = "linen" } });
        Assert.Empty(updated["userErrors"]!.AsArray());
        Assert.Equal(first[0]!["id"]!.GetValue<string>(), updated["metafields"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("linen", updated["metafields"]![0]!["value"]!.GetValue<string>());

        var rest = await RestMetafieldsAsync(id);
        Assert.Equal(2, rest.Count);
        var material = rest.Single(m => m!["key"]!.GetValue<string>() == "material")!;
        Assert.Equal("linen", material["value"]!.GetValue<string>());
        Assert.Equal(first[0]!["id"]!.GetValue<string>(), $"gid://shopify/Metafield/{material["id"]}");
        Assert.Equal("180", rest.Single(m => m!["key"]!.GetValue<string>() == "weight_g")!["value"]!.ToString());
    }

    [Fact]
    public async Task CompareDigestWritesOnlyOverTheValueTheCallerRead()
    {
        var (gid, id) = await ProductAsync("Cas");
        var digest = (await SetAsync(new[] { new { ownerId = gid, @namespace = "custom", key = "care", type = "single_line_text_field", value = "wash cold" } }))
            ["metafields"]![0]!["compareDigest"]!.GetValue<string>();
        var read = (await DataAsync($$"""{ product(id: "{{gid}}") { metafield(namespace: "custom", key: "care") { compareDigest } } }"""))
            ["product"]!["metafield"]!["compareDigest"]!.GetValue<string>();
        Assert.Equal(digest, read);

        var stale = await SetAsync(new object[]
        {
            new { ownerId = gid, @namespace = "custom", key = "other", type = "single_line_text_field", value = "x" },
            new { ownerId = gid, @namespace = "custom", key = "care", type = "single_line_text_field", value = "dry clean", compareDigest = "0000" },
        });
        Assert.Null(stale["metafields"]);
        var error = stale["userErrors"]![0]!;
        Assert.Equal("STALE_OBJECT", error["code"]!.GetValue<string>());
        Assert.Equal(1, error["elementIndex"]!.GetValue<int>());
        Assert.Equal(["metafields", "1", "compareDigest"], error["field"]!.AsArray().Select(f => f!.GetValue<string>()));

        var mustBeNew = await SetAsync(new[] { new { ownerId = gid, @namespace = "custom", key = "care", type = "single_line_text_field", value = "dry clean", compareDigest = (string?)null } });
        Assert.Equal("STALE_OBJECT", mustBeNew["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(["wash cold"], (await RestMetafieldsAsync(id)).Select(m => m!["value"]!.GetValue<string>()));

        var fresh = await SetAsync(new[] { new { ownerId = gid, @namespace = "custom", key = "care", type = "single_line_text_field", value = "dry clean", compareDigest = digest } });
        Assert.Empty(fresh["userErrors"]!.AsArray());
        Assert.NotEqual(digest, fresh["metafields"]![0]!["compareDigest"]!.GetValue<string>());
        Assert.Equal(["dry clean"], (await RestMetafieldsAsync(id)).Select(m => m!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task MoreThan25MetafieldsOrOneBadEntrySavesNothing()
    {
        var (gid, id) = await ProductAsync("Limit");
        var tooMany = await SetAsync(Enumerable.Range(1, 26)
            .Select(i => new { ownerId = gid, @namespace = "custom", key = $"k{i}", type = "single_line_text_field", value = "v" }).ToArray());
        Assert.Null(tooMany["metafields"]);
        Assert.Equal("LESS_THAN_OR_EQUAL_TO", tooMany["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(["metafields"], tooMany["userErrors"]![0]!["field"]!.AsArray().Select(f => f!.GetValue<string>()));

        var exactly25 = await SetAsync(Enumerable.Range(1, 25)
            .Select(i => new { ownerId = gid, @namespace = "custom", key = $"k{i}", type = "single_line_text_field", value = "v" }).ToArray());
        Assert.Empty(exactly25["userErrors"]!.AsArray());
        Assert.Equal(25, (await RestMetafieldsAsync(id)).Count);

        var (otherGid, otherId) = await ProductAsync("Atomic");
        var mixed = await SetAsync(new object[]
        {
            new { ownerId = otherGid, @namespace = "custom", key = "good", type = "single_line_text_field", value = "ok" },
            new { ownerId = otherGid, @namespace = "custom", key = "bad", type = "not_a_type", value = "ok" },
        });
        var error = mixed["userErrors"]![0]!;
        Assert.Equal("INVALID_TYPE", error["code"]!.GetValue<string>());
        Assert.Equal(1, error["elementIndex"]!.GetValue<int>());
        Assert.Equal(["metafields", "1", "type"], error["field"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Empty(await RestMetafieldsAsync(otherId));

        var notProduct = await SetAsync(new[] { new { ownerId = "gid://shopify/Customer/1", @namespace = "custom", key = "k1", type = "single_line_text_field", value = "v" } });
        Assert.Equal(["metafields", "0", "ownerId"], notProduct["userErrors"]![0]!["field"]!.AsArray().Select(f => f!.GetValue<string>()));
    }
}
