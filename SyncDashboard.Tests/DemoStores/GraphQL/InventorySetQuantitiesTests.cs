using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>inventorySetQuantities as 2026-10 documents it: compare-and-set, the idempotency key, at most 250 quantities.</summary>
public sealed class InventorySetQuantitiesTests : GraphQLTestBase
{
    private const string Set = """
        mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
          inventorySetQuantities(input: $input) @idempotent(key: $key) {
            inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } }
            userErrors { field message code }
          }
        }
        """;

    private async Task<(string Item, string Location, long ItemId)> ItemAsync()
    {
        var product = await CreateWithSkusAsync("Sock", "SOCK-1");
        var item = product["variants"]!["nodes"]![0]!["inventoryItem"]!["id"]!.GetValue<string>();
        return (item, await PrimaryLocationGidAsync(), long.Parse(item.Split('/')[^1]));
    }

    private object Input(string item, string location, int quantity, int? changeFrom) => new
    {
        name = "available",
        reason = "correction",
        referenceDocumentUri = "gid://syncdashboard/Reconciliation/1",
        quantities = new[] { new { inventoryItemId = item, locationId = location, quantity, changeFromQuantity = changeFrom } },
    };

    private async Task<int> LevelAsync(long itemId)
    {
        var levels = await ReadJsonAsync(await Http.GetAsync($"inventory_levels.json?inventory_item_ids={itemId}"));
        return levels["inventory_levels"]![0]!["available"]!.GetValue<int>();
    }

    [Fact]
    public async Task ASetWithTheRightChangeFromQuantityIsAppliedAndReported()
    {
        var (item, location, itemId) = await ItemAsync();

        var data = await DataAsync(Set, new { input = Input(item, location, 9, changeFrom: 1), key = "k-1" });

        var payload = data["inventorySetQuantities"]!;
        Assert.Empty(payload["userErrors"]!.AsArray());
        var change = payload["inventoryAdjustmentGroup"]!["changes"]![0]!;
        Assert.Equal(8, change["delta"]!.GetValue<int>());
        Assert.Equal(9, change["quantityAfterChange"]!.GetValue<int>());
        Assert.Equal(9, await LevelAsync(itemId));
    }

    [Fact]
    public async Task AStaleChangeFromQuantitySetsNothingAndSaysSo()
    {
        var (item, location, itemId) = await ItemAsync();

        var data = await DataAsync(Set, new { input = Input(item, location, 9, changeFrom: 4), key = "k-2" });

        var error = data["inventorySetQuantities"]!["userErrors"]![0]!;
        Assert.Equal("CHANGE_FROM_QUANTITY_STALE", error["code"]!.GetValue<string>());
        Assert.Equal(["input", "quantities", "0", "changeFromQuantity"], error["field"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Null(data["inventorySetQuantities"]!["inventoryAdjustmentGroup"]);
        Assert.Equal(1, await LevelAsync(itemId));
    }

    [Fact]
    public async Task AnExplicitNullSkipsTheCheckButAnOmittedChangeFromQuantityIsRefused()
    {
        var (item, location, itemId) = await ItemAsync();

        var skipped = await DataAsync(Set, new { input = Input(item, location, 6, changeFrom: null), key = "k-3" });
        Assert.Empty(skipped["inventorySetQuantities"]!["userErrors"]!.AsArray());
        Assert.Equal(6, await LevelAsync(itemId));

        var omitted = await DataAsync(Set, new
        {
            input = new { name = "available", reason = "correction", quantities = new[] { new { inventoryItemId = item, locationId = location, quantity = 2 } } },
            key = "k-4",
        });
        Assert.Null(omitted["inventorySetQuantities"]!["userErrors"]![0]!["code"]); // no documented code names this refusal
        Assert.Equal(6, await LevelAsync(itemId));
    }

    [Fact]
    public async Task TheIdempotencyKeyIsRequiredAndARetryWithItIsAppliedOnce()
    {
        var (item, location, itemId) = await ItemAsync();
        var noKey = await GraphQLAsync("""
            mutation Set($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }
            """, new { input = Input(item, location, 5, changeFrom: 1) });
        Assert.Contains("@idempotent", noKey["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(1, await LevelAsync(itemId));

        await DataAsync(Set, new { input = Input(item, location, 5, changeFrom: 1), key = "same" });
        // Someone else changes the level; the retried call must not write 5 over it.
        using (var response = await Http.PostAsJsonAsync("inventory_levels/set.json", new { inventory_item_id = itemId, location_id = Store.PrimaryLocationId, available = 11 }))
        {
            Assert.True(response.IsSuccessStatusCode);
        }
        var retried = await DataAsync(Set, new { input = Input(item, location, 5, changeFrom: 1), key = "same" });
        Assert.Empty(retried["inventorySetQuantities"]!["userErrors"]!.AsArray());
        Assert.Equal(11, await LevelAsync(itemId));

        var mismatch = await DataAsync(Set, new { input = Input(item, location, 7, changeFrom: 11), key = "same" });
        Assert.Equal("IDEMPOTENCY_KEY_PARAMETER_MISMATCH", mismatch["inventorySetQuantities"]!["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(11, await LevelAsync(itemId));
    }

    [Fact]
    public async Task AtMost250QuantitiesACall()
    {
        var (item, location, _) = await ItemAsync();
        var quantities = Enumerable.Range(0, 251).Select(_ => new { inventoryItemId = item, locationId = location, quantity = 1, changeFromQuantity = (int?)null }).ToArray();

        var data = await DataAsync(Set, new { input = new { name = "available", reason = "correction", quantities }, key = "k-250" });

        Assert.Equal(["input", "quantities"], data["inventorySetQuantities"]!["userErrors"]![0]!["field"]!.AsArray().Select(f => f!.GetValue<string>()));
    }
}
