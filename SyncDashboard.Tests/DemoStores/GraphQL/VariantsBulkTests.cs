using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>
/// productVariantsBulkCreate, productVariantsBulkUpdate and productVariantsBulkDelete (2026-10): each
/// change is the catalogue's, so REST reads it back and products/update fires; refusals are user
/// errors with Shopify's codes and save nothing.
/// </summary>
public sealed class VariantsBulkTests : GraphQLTestBase
{
    private const string BulkCreate = """
        mutation Create($productId: ID!, $variants: [ProductVariantsBulkInput!]!, $strategy: ProductVariantsBulkCreateStrategy) {
          productVariantsBulkCreate(productId: $productId, variants: $variants, strategy: $strategy) {
            product { id variantsCount { count } }
            productVariants { id sku price compareAtPrice barcode inventoryQuantity inventoryItem { id } selectedOptions { name value } }
            userErrors { field message code }
          }
        }
        """;

    private const string BulkUpdate = """
        mutation Update($productId: ID!, $variants: [ProductVariantsBulkInput!]!, $partial: Boolean) {
          productVariantsBulkUpdate(productId: $productId, variants: $variants, allowPartialUpdates: $partial) {
            product { id }
            productVariants { id price compareAtPrice barcode sku inventoryPolicy }
            userErrors { field message code }
          }
        }
        """;

    private const string BulkDelete = """
        mutation Delete($productId: ID!, $variantsIds: [ID!]!) {
          productVariantsBulkDelete(productId: $productId, variantsIds: $variantsIds) {
            product { id variantsCount { count } }
            userErrors { field message code }
          }
        }
        """;

    private static string NumericId(string gid) => gid.Split('/')[^1];

    private async Task<JsonArray> RestVariantsAsync(string productGid) =>
        (await Http.GetFromJsonAsync<JsonObject>($"products/{NumericId(productGid)}.json"))!["product"]!["variants"]!.AsArray();

    private static object Size(string name) => new[] { new { optionName = "Size", name } };

    [Fact]
    public async Task CreateAddsVariantsWithStockThatRestReadsAndRaisesOneProductsUpdate()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await DataAsync($$"""
            mutation { webhookSubscriptionCreate(topic: PRODUCTS_UPDATE, webhookSubscription: { uri: "{{receiver.Address}}" }) { userErrors { message } } }
            """);
        var product = await CreateWithSkusAsync("Bulk tee", "BT-S", "BT-M");
        var gid = product["id"]!.GetValue<string>();
        var location = await PrimaryLocationGidAsync();

        var payload = (await DataAsync(BulkCreate, new
        {
            productId = gid,
            variants = new object[]
            {
                new { optionValues = Size("L"), price = "12.50", compareAtPrice = "15.00", barcode = "4006381333931", inventoryItem = new { sku = "BT-L", tracked = true },
                      inventoryQuantities = new[] { new { locationId = location, availableQuantity = 7 } } },
                new { optionValues = Size("XL"), price = "13.00", inventoryItem = new { sku = "BT-XL" } },
            },
        }))["productVariantsBulkCreate"]!;

        Assert.Empty(payload["userErrors"]!.AsArray());
        Assert.Equal(4, payload["product"]!["variantsCount"]!["count"]!.GetValue<int>());
        var created = payload["productVariants"]!.AsArray();
        Assert.Equal(["BT-L", "BT-XL"], created.Select(v => v!["sku"]!.GetValue<string>()));
        Assert.Equal("12.50", created[0]!["price"]!.GetValue<string>());
        Assert.Equal("15.00", created[0]!["compareAtPrice"]!.GetValue<string>());
        Assert.Equal(7, created[0]!["inventoryQuantity"]!.GetValue<int>());
        Assert.Equal("XL", created[1]!["selectedOptions"]![0]!["value"]!.GetValue<string>());

        var rest = await RestVariantsAsync(gid);
        Assert.Equal(["BT-S", "BT-M", "BT-L", "BT-XL"], rest.Select(v => v!["sku"]!.GetValue<string>()));
        var large = rest[2]!;
        Assert.Equal(NumericId(created[0]!["id"]!.GetValue<string>()), large["id"]!.ToString());
        Assert.Equal("12.50", large["price"]!.ToString());
        Assert.Equal("4006381333931", large["barcode"]!.GetValue<string>());
        Assert.Equal(7, large["inventory_quantity"]!.GetValue<int>());
        var item = large["inventory_item_id"]!.ToString();
        var levels = await Http.GetFromJsonAsync<JsonObject>($"inventory_levels.json?inventory_item_ids={item}");
        Assert.Equal(7, levels!["inventory_levels"]![0]!["available"]!.GetValue<int>());

        var webhooks = await receiver.WaitForAsync(r => r.Any(w => w.Topic == "products/update" && JsonNode.Parse(w.BodyText)!["variants"]!.AsArray().Count == 4));
        Assert.Single(webhooks, w => w.Topic == "products/update" && JsonNode.Parse(w.BodyText)!["variants"]!.AsArray().Count == 4);
        Assert.DoesNotContain(webhooks, w => w.Topic == "products/update" && JsonNode.Parse(w.BodyText)!["variants"]!.AsArray().Count == 3);
    }

    [Fact]
    public async Task CreateRefusalsCarryShopifysCodesAndSaveNothing()
    {
        var gid = (await CreateWithSkusAsync("Refused tee", "RT-S"))["id"]!.GetValue<string>();

        var missing = (await DataAsync(BulkCreate, new { productId = "gid://shopify/Product/1", variants = new[] { new { optionValues = Size("L") } } }))["productVariantsBulkCreate"]!;
        Assert.Null(missing["product"]);
        Assert.Equal("PRODUCT_DOES_NOT_EXIST", missing["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(["productId"], missing["userErrors"]![0]!["field"]!.AsArray().Select(f => f!.GetValue<string>()));

        var errors = (await DataAsync(BulkCreate, new
        {
            productId = gid,
            variants = new object[]
            {
                new { optionValues = Size("M"), price = "5.00" },
                new { optionValues = Size("RT-S"), price = "5.00" },
                new { optionValues = Size("L"), price = "-1.00" },
                new { optionValues = Size("XL"), inventoryQuantities = new[] { new { locationId = "gid://shopify/Location/1", availableQuantity = 1 } } },
                new { optionValues = new[] { new { optionName = "Color", name = "Red" } } },
            },
        }))["productVariantsBulkCreate"]!["userErrors"]!.AsArray();

        string Code(int index) => errors.Single(e => e!["field"]![1]!.GetValue<string>() == index.ToString())!["code"]!.GetValue<string>();
        Assert.Equal("VARIANT_ALREADY_EXISTS", Code(1));
        Assert.Equal("GREATER_THAN_OR_EQUAL_TO", Code(2));
        Assert.Equal("TRACKED_VARIANT_LOCATION_NOT_FOUND", Code(3));
        Assert.Contains(errors, e => e!["field"]![1]!.GetValue<string>() == "4" && e["code"]!.GetValue<string>() == "NEED_TO_ADD_OPTION_VALUES");
        Assert.DoesNotContain(errors, e => e!["field"]![1]!.GetValue<string>() == "0");
        Assert.Single(await RestVariantsAsync(gid)); // the valid "M" was not saved either
    }

    [Fact]
    public async Task StrategiesDecideWhetherTheDefaultVariantStays()
    {
        var removed = await CreateProductAsync(new { title = "Plain" });
        var preserved = await CreateProductAsync(new { title = "Plain too" });
        var variants = new[] { new { optionValues = new[] { new { optionName = "Title", name = "Large" } }, price = "3.00" } };

        var byDefault = (await DataAsync(BulkCreate, new { productId = $"gid://shopify/Product/{removed["id"]}", variants }))["productVariantsBulkCreate"]!;
        Assert.Empty(byDefault["userErrors"]!.AsArray());
        var keep = (await DataAsync(BulkCreate, new { productId = $"gid://shopify/Product/{preserved["id"]}", variants, strategy = "PRESERVE_STANDALONE_VARIANT" }))["productVariantsBulkCreate"]!;
        Assert.Empty(keep["userErrors"]!.AsArray());

        Assert.Equal(["Large"], (await RestVariantsAsync($"gid://shopify/Product/{removed["id"]}")).Select(v => v!["title"]!.GetValue<string>()));
        Assert.Equal(["Default Title", "Large"], (await RestVariantsAsync($"gid://shopify/Product/{preserved["id"]}")).Select(v => v!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CreateFillsAProductUpTo2048VariantsAndRefusesOneMore()
    {
        var gid = (await CreateWithSkusAsync("Wide tee", "W-0"))["id"]!.GetValue<string>();
        var variants = Enumerable.Range(1, 2047).Select(i => new { optionValues = Size($"W-{i}"), price = "1.00" }).ToArray();
        var filled = (await DataAsync("""
            mutation($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
              productVariantsBulkCreate(productId: $productId, variants: $variants) { product { variantsCount { count } } userErrors { field code } }
            }
            """, new { productId = gid, variants }))["productVariantsBulkCreate"]!;
        Assert.Empty(filled["userErrors"]!.AsArray());
        Assert.Equal(2048, filled["product"]!["variantsCount"]!["count"]!.GetValue<int>());

        var over = (await DataAsync(BulkCreate, new { productId = gid, variants = new[] { new { optionValues = Size("W-2048"), price = "1.00" } } }))["productVariantsBulkCreate"]!;
        Assert.Null(over["product"]);
        Assert.Equal(["variants"], over["userErrors"]![0]!["field"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains("2048", over["userErrors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateChangesOnlyTheGivenFieldsAndAnExplicitNullClearsCompareAtPrice()
    {
        var product = await CreateWithSkusAsync("Update tee", "UT-S", "UT-M", "UT-L");
        var gid = product["id"]!.GetValue<string>();
        var ids = product["variants"]!["nodes"]!.AsArray().Select(v => v!["id"]!.GetValue<string>()).ToList();

        var first = (await DataAsync(BulkUpdate, new
        {
            productId = gid,
            variants = new object[]
            {
                new { id = ids[0], price = "20.00", compareAtPrice = "30.00", barcode = "111", inventoryPolicy = "CONTINUE" },
                new { id = ids[1], compareAtPrice = "25.00", inventoryItem = new { sku = "UT-M2" } },
            },
        }))["productVariantsBulkUpdate"]!;
        Assert.Empty(first["userErrors"]!.AsArray());
        Assert.Equal(["20.00", "10.00"], first["productVariants"]!.AsArray().Select(v => v!["price"]!.GetValue<string>()));

        var second = (await DataAsync(BulkUpdate, new { productId = gid, variants = new object[] { new { id = ids[0], compareAtPrice = (string?)null } } }))["productVariantsBulkUpdate"]!;
        Assert.Empty(second["userErrors"]!.AsArray());

        var rest = await RestVariantsAsync(gid);
        Assert.Equal(3, rest.Count);
        var small = rest[0]!;
        Assert.Null(small["compare_at_price"]);
        Assert.Equal("20.00", small["price"]!.ToString());
        Assert.Equal("111", small["barcode"]!.GetValue<string>());
        Assert.Equal("continue", small["inventory_policy"]!.GetValue<string>());
        Assert.Equal("UT-S", small["sku"]!.GetValue<string>());
        Assert.Equal("25.00", rest[1]!["compare_at_price"]!.ToString());
        Assert.Equal("UT-M2", rest[1]!["sku"]!.GetValue<string>());
        Assert.Equal("10.00", rest[1]!["price"]!.ToString());
        Assert.Equal("UT-L", rest[2]!["sku"]!.GetValue<string>());
        Assert.Null(rest[2]!["compare_at_price"]);
        Assert.Equal(3, rest[2]!["inventory_quantity"]!.GetValue<int>()); // stock untouched
    }

    [Fact]
    public async Task PartialUpdatesSaveTheValidVariantsOnlyWhenAllowed()
    {
        var product = await CreateWithSkusAsync("Partial tee", "PT-S", "PT-M");
        var gid = product["id"]!.GetValue<string>();
        var ids = product["variants"]!["nodes"]!.AsArray().Select(v => v!["id"]!.GetValue<string>()).ToList();
        var variants = new object[]
        {
            new { id = ids[0], price = "11.00" },
            new { id = "gid://shopify/ProductVariant/1", price = "12.00" },
            new { id = ids[1], optionValues = Size("PT-S") },
        };

        var strict = (await DataAsync(BulkUpdate, new { productId = gid, variants }))["productVariantsBulkUpdate"]!;
        Assert.Null(strict["product"]);
        Assert.Equal("10.00", (await RestVariantsAsync(gid))[0]!["price"]!.ToString());

        var partial = (await DataAsync(BulkUpdate, new { productId = gid, variants, partial = true }))["productVariantsBulkUpdate"]!;
        var errors = partial["userErrors"]!.AsArray();
        Assert.Contains(errors, e => e!["code"]!.GetValue<string>() == "PRODUCT_VARIANT_DOES_NOT_EXIST"
            && string.Join('.', e["field"]!.AsArray().Select(f => f!.GetValue<string>())) == "variants.1.id");
        Assert.Contains(errors, e => e!["code"]!.GetValue<string>() == "VARIANT_ALREADY_EXISTS");
        Assert.Equal([ids[0]], partial["productVariants"]!.AsArray().Select(v => v!["id"]!.GetValue<string>()));
        var rest = await RestVariantsAsync(gid);
        Assert.Equal("11.00", rest[0]!["price"]!.ToString());
        Assert.Equal("PT-M", rest[1]!["option1"]!.GetValue<string>());

        var stock = (await DataAsync(BulkUpdate, new
        {
            productId = gid,
            variants = new object[] { new { id = ids[0], inventoryQuantities = new[] { new { locationId = await PrimaryLocationGidAsync(), availableQuantity = 5 } } } },
        }))["productVariantsBulkUpdate"]!;
        Assert.Equal("NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE", stock["userErrors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteRemovesTheVariantsAndTheirStockAndKeepsTheLastOne()
    {
        var product = await CreateWithSkusAsync("Delete tee", "DT-S", "DT-M", "DT-L");
        var gid = product["id"]!.GetValue<string>();
        var nodes = product["variants"]!["nodes"]!.AsArray();
        var ids = nodes.Select(v => v!["id"]!.GetValue<string>()).ToList();
        var deletedItem = NumericId(nodes[1]!["inventoryItem"]!["id"]!.GetValue<string>());

        var deleted = (await DataAsync(BulkDelete, new { productId = gid, variantsIds = new[] { ids[1] } }))["productVariantsBulkDelete"]!;
        Assert.Empty(deleted["userErrors"]!.AsArray());
        Assert.Equal(2, deleted["product"]!["variantsCount"]!["count"]!.GetValue<int>());
        Assert.Equal(["DT-S", "DT-L"], (await RestVariantsAsync(gid)).Select(v => v!["sku"]!.GetValue<string>()));
        var levels = await Http.GetFromJsonAsync<JsonObject>($"inventory_levels.json?inventory_item_ids={deletedItem}");
        Assert.Empty(levels!["inventory_levels"]!.AsArray());

        var foreign = (await DataAsync(BulkDelete, new { productId = gid, variantsIds = new[] { ids[0], "gid://shopify/ProductVariant/1" } }))["productVariantsBulkDelete"]!;
        Assert.Equal("AT_LEAST_ONE_VARIANT_DOES_NOT_BELONG_TO_THE_PRODUCT", foreign["userErrors"]![0]!["code"]!.GetValue<string>());
        var all = (await DataAsync(BulkDelete, new { productId = gid, variantsIds = new[] { ids[0], ids[2] } }))["productVariantsBulkDelete"]!;
        Assert.Equal("CANNOT_DELETE_LAST_VARIANT", all["userErrors"]![0]!["code"]!.GetValue<string>());
        var missing = (await DataAsync(BulkDelete, new { productId = "gid://shopify/Product/1", variantsIds = new[] { ids[0] } }))["productVariantsBulkDelete"]!;
        Assert.Equal("PRODUCT_DOES_NOT_EXIST", missing["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(2, (await RestVariantsAsync(gid)).Count);
    }
}
