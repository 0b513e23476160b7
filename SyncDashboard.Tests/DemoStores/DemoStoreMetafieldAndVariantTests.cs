using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SyncDashboard.DemoStores;

namespace SyncDashboard.Tests.DemoStores;

/// <summary>
/// What the demo store serves for the link marker and variant changes, as Shopify's REST Admin API
/// documents it: product metafields (created with a product, or on their own path), variants added and
/// deleted on their own path, untracked variants, and several locations.
/// </summary>
public sealed class DemoStoreMetafieldAndVariantTests : DemoStoreTestBase
{
    protected override DemoStoreOptions CreateOptions()
    {
        var options = base.CreateOptions();
        options.Locations = ["Main warehouse", "Backroom"];
        return options;
    }

    [Fact]
    public async Task AProductCreatedWithAMetafieldServesItOnItsMetafieldsPathButNotInTheProduct()
    {
        var product = await CreateProductAsync(new
        {
            title = "Marked",
            metafields = new[] { new { @namespace = "syncdashboard", key = "source", value = "supplier.myshopify.com/42", type = "single_line_text_field" } },
        });
        var id = product["id"]!.GetValue<long>();

        Assert.False(product.ContainsKey("metafields")); // a product response carries no metafields
        var list = await Http.GetFromJsonAsync<JsonObject>($"products/{id}/metafields.json");
        var metafield = Assert.Single(list!["metafields"]!.AsArray())!.AsObject();
        Assert.Equal(("syncdashboard", "source", "supplier.myshopify.com/42", "single_line_text_field", id, "product"),
            (metafield["namespace"]!.GetValue<string>(), metafield["key"]!.GetValue<string>(), metafield["value"]!.GetValue<string>(),
             metafield["type"]!.GetValue<string>(), metafield["owner_id"]!.GetValue<long>(), metafield["owner_resource"]!.GetValue<string>()));
        Assert.StartsWith("gid://shopify/Metafield/", metafield["admin_graphql_api_id"]!.GetValue<string>());
        var filtered = await Http.GetFromJsonAsync<JsonObject>($"products/{id}/metafields.json?namespace=other");
        Assert.Empty(filtered!["metafields"]!.AsArray());
        Assert.Equal(1, (await Http.GetFromJsonAsync<JsonObject>($"products/{id}/metafields/count.json"))!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task MetafieldsAreCreatedUpdatedAndDeletedAndTheirRulesAnsweredWith422()
    {
        var id = (await CreateProductAsync(new { title = "Plain" }))["id"]!.GetValue<long>();
        var body = new { metafield = new { @namespace = "syncdashboard", key = "source", value = "a/1", type = "single_line_text_field" } };

        using var created = await Http.PostAsJsonAsync($"products/{id}/metafields.json", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var metafieldId = (await ReadJsonAsync(created))["metafield"]!["id"]!.GetValue<long>();

        using var again = await Http.PostAsJsonAsync($"products/{id}/metafields.json", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("must be unique within this namespace on this resource", (await ReadJsonAsync(again))["errors"]!["key"]![0]!.GetValue<string>());
        using var blank = await Http.PostAsJsonAsync($"products/{id}/metafields.json", new { metafield = new { @namespace = "syncdashboard", key = "other", type = "single_line_text_field" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);
        Assert.Equal("can't be blank", (await ReadJsonAsync(blank))["errors"]!["value"]![0]!.GetValue<string>());

        using var updated = await Http.PutAsJsonAsync($"products/{id}/metafields/{metafieldId}.json", new { metafield = new { id = metafieldId, value = "a/2" } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("a/2", (await ReadJsonAsync(updated))["metafield"]!["value"]!.GetValue<string>());

        await RestartStoreAsync(); // kept across a restart
        Assert.Equal("a/2", (await Http.GetFromJsonAsync<JsonObject>($"products/{id}/metafields/{metafieldId}.json"))!["metafield"]!["value"]!.GetValue<string>());

        using var deleted = await Http.DeleteAsync($"products/{id}/metafields/{metafieldId}.json");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var gone = await Http.GetAsync($"products/{id}/metafields/{metafieldId}.json");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var noProduct = await Http.GetAsync("products/1/metafields.json");
        Assert.Equal(HttpStatusCode.NotFound, noProduct.StatusCode);
    }

    [Fact]
    public async Task VariantsAreAddedAndDeletedOnTheirOwnPathWithProductsUpdateRaised()
    {
        var product = await CreateProductAsync(new
        {
            title = "Tee",
            options = new[] { new { name = "Size" } },
            variants = new[] { new { option1 = "S", sku = "TEE-S", price = "10.00" }, new { option1 = "M", sku = "TEE-M", price = "10.00" } },
        });
        var id = product["id"]!.GetValue<long>();

        using var added = await Http.PostAsync($"products/{id}/variants.json",
            new StringContent("""{"variant":{"option1":"L","sku":"TEE-L","price":"11.00"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var variant = (await ReadJsonAsync(added))["variant"]!.AsObject();
        Assert.Equal(("TEE-L", "L", 3, id, "shopify", "deny"), (variant["sku"]!.GetValue<string>(), variant["title"]!.GetValue<string>(),
            variant["position"]!.GetValue<int>(), variant["product_id"]!.GetValue<long>(), variant["inventory_management"]!.GetValue<string>(), variant["inventory_policy"]!.GetValue<string>()));
        using var duplicate = await Http.PostAsync($"products/{id}/variants.json",
            new StringContent("""{"variant":{"option1":"L","sku":"TEE-L2"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode); // the option combination exists already

        var small = product["variants"]![0]!["id"]!.GetValue<long>();
        using var deleted = await Http.DeleteAsync($"products/{id}/variants/{small}.json");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var after = (await Http.GetFromJsonAsync<JsonObject>($"products/{id}.json"))!["product"]!;
        Assert.Equal(["TEE-M", "TEE-L"], after["variants"]!.AsArray().Select(v => v!["sku"]!.GetValue<string>()));
        Assert.Equal(["M", "L"], after["options"]![0]!["values"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(2, (await Http.GetFromJsonAsync<JsonObject>($"products/{id}/variants/count.json"))!["count"]!.GetValue<int>());

        using var last = await Http.DeleteAsync($"products/{id}/variants/{after["variants"]![0]!["id"]}.json");
        using var onlyOne = await Http.DeleteAsync($"products/{id}/variants/{after["variants"]![1]!["id"]}.json");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, onlyOne.StatusCode); // a product keeps one variant
    }

    [Fact]
    public async Task AnUntrackedVariantHasNoInventoryManagementAndRefusesALevel()
    {
        using var created = await Http.PostAsync("products.json", new StringContent(
            """{"product":{"title":"Sleeve","variants":[{"sku":"SL-1","inventory_management":null,"inventory_policy":"continue"}]}}""", Encoding.UTF8, "application/json"));
        var variant = (await ReadJsonAsync(created))["product"]!["variants"]![0]!.AsObject();
        Assert.Null(variant["inventory_management"]); // an explicit null: not tracked (left out, a variant is tracked)
        Assert.Equal("continue", variant["inventory_policy"]!.GetValue<string>());

        using var set = await Http.PostAsJsonAsync("inventory_levels/set.json",
            new { location_id = Store.PrimaryLocationId, inventory_item_id = variant["inventory_item_id"]!.GetValue<long>(), available = 3 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, set.StatusCode);
        Assert.Equal("""{"errors":["Inventory item does not have inventory tracking enabled"]}""", await set.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AStoreHasTheLocationsItsOptionsNameAndAVariantsQuantityIsTheirSum()
    {
        var locations = (await Http.GetFromJsonAsync<JsonObject>("locations.json"))!["locations"]!.AsArray();
        Assert.Equal(["Main warehouse", "Backroom"], locations.Select(l => l!["name"]!.GetValue<string>()));
        var product = await CreateProductAsync(new { title = "Two places", variants = new[] { new { sku = "TP-1" } } });
        var item = product["variants"]![0]!["inventory_item_id"]!.GetValue<long>();
        foreach (var (location, available) in locations.Select(l => l!["id"]!.GetValue<long>()).Zip([3, 4]))
        {
            using var set = await Http.PostAsJsonAsync("inventory_levels/set.json", new { location_id = location, inventory_item_id = item, available });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var read = (await Http.GetFromJsonAsync<JsonObject>($"products/{product["id"]}.json"))!["product"]!;
        Assert.Equal(7, read["variants"]![0]!["inventory_quantity"]!.GetValue<int>());
        Assert.Equal(2, (await Http.GetFromJsonAsync<JsonObject>($"inventory_levels.json?inventory_item_ids={item}"))!["inventory_levels"]!.AsArray().Count);
    }

    [Fact]
    public async Task TheAdminPageOfAProductShowsItAsTheStoreHoldsIt()
    {
        var product = await CreateProductAsync(new { title = "Seen <in> the admin", variants = new[] { new { sku = "ADM-1", price = "9.50" } } });
        using var http = new HttpClient { BaseAddress = Store.BaseUrl };

        using var page = await http.GetAsync($"admin/products/{product["id"]}");
        using var missing = await http.GetAsync("admin/products/1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Seen &lt;in&gt; the admin</h1>", html);
        Assert.Contains("<td>ADM-1</td><td>9.50</td>", html);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
