using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.Tests.DemoStores;

/// <summary>The demo store answers as Shopify documents it: paths, shapes, status codes and headers.</summary>
public sealed partial class DemoStoreApiTests : DemoStoreTestBase
{
    [Fact]
    public async Task RequestWithoutTokenIsRefusedWith401AndShopifysErrorBody()
    {
        using var anonymous = CreateClient(token: null);
        using var wrong = CreateClient("shpat_wrong");

        foreach (var client in new[] { anonymous, wrong })
        {
            using var response = await client.GetAsync("products.json");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await ReadJsonAsync(response);
            Assert.Equal("[API] Invalid API key or access token (unrecognized login or wrong password)", body["errors"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task EveryResponseCarriesTheCallLimitHeader()
    {
        using var first = await Http.GetAsync("products.json");
        using var second = await Http.GetAsync("products/count.json");
        using var missing = await Http.GetAsync("products/1.json");

        foreach (var response in new[] { first, second, missing })
        {
            var value = Assert.Single(response.Headers.GetValues("X-Shopify-Shop-Api-Call-Limit"));
            Assert.Matches(@"^\d+/40$", value);
        }
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Not Found", (await ReadJsonAsync(missing))["errors"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProductCreatedWithoutOptionsGetsTitleOptionAndDefaultVariant()
    {
        var product = await CreateProductAsync(new { title = "Plain Mug", vendor = "Acme", product_type = "Mug", tags = "kitchen,  gift, kitchen" });

        Assert.Equal("plain-mug", product["handle"]!.GetValue<string>());
        Assert.Equal("gift, kitchen", product["tags"]!.GetValue<string>());
        Assert.Equal("active", product["status"]!.GetValue<string>());
        var option = Assert.Single(product["options"]!.AsArray())!;
        Assert.Equal("Title", option["name"]!.GetValue<string>());
        Assert.Equal(["Default Title"], option["values"]!.AsArray().Select(v => v!.GetValue<string>()));
        var variant = Assert.Single(product["variants"]!.AsArray())!;
        Assert.Equal("Default Title", variant["title"]!.GetValue<string>());
        Assert.Equal("Default Title", variant["option1"]!.GetValue<string>());
        Assert.Equal("0.00", variant["price"]!.GetValue<string>());
        Assert.True(variant["inventory_item_id"]!.GetValue<long>() > 0);
        Assert.Equal(0, variant["inventory_quantity"]!.GetValue<int>());
        Assert.Null(variant["compare_at_price"]);
    }

    [Fact]
    public async Task ProductWithVariantsKeepsPricesAsStringsAndFillsOptionValues()
    {
        var product = await CreateProductAsync(new
        {
            title = "Hoodie",
            options = new[] { new { name = "Size" }, new { name = "Color" } },
            variants = new object[]
            {
                new { option1 = "S", option2 = "Black", sku = "HOOD-S-BLK", price = "49.90", compare_at_price = "59.00", barcode = "4006381333931", weight = 0.5, weight_unit = "kg" },
                new { option1 = "M", option2 = "Black", sku = "HOOD-M-BLK", price = "49.90", grams = 550 },
            },
            images = new[] { new { src = "https://images.example/hoodie.jpg", alt = "Front" } },
        });

        var variants = product["variants"]!.AsArray();
        Assert.Equal("S / Black", variants[0]!["title"]!.GetValue<string>());
        Assert.Equal("49.90", variants[0]!["price"]!.GetValue<string>());
        Assert.Equal("59.00", variants[0]!["compare_at_price"]!.GetValue<string>());
        Assert.Equal(500, variants[0]!["grams"]!.GetValue<int>());
        Assert.Equal(0.55, variants[1]!["weight"]!.GetValue<double>());
        Assert.Equal(["S", "M"], product["options"]![0]!["values"]!.AsArray().Select(v => v!.GetValue<string>()));
        var image = Assert.Single(product["images"]!.AsArray())!;
        Assert.Equal("https://images.example/hoodie.jpg", image["src"]!.GetValue<string>());
        Assert.Equal(1, image["position"]!.GetValue<int>());
        Assert.Equal(image["id"]!.GetValue<long>(), product["image"]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task InvalidProductIsRefusedWith422AndFieldErrors()
    {
        using var blank = await Http.PostAsJsonAsync("products.json", new { product = new { title = "" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);
        Assert.Equal("can't be blank", (await ReadJsonAsync(blank))["errors"]!["title"]![0]!.GetValue<string>());

        using var duplicate = await Http.PostAsJsonAsync("products.json", new
        {
            product = new { title = "Twins", variants = new[] { new { option1 = "A" }, new { option1 = "A" } } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Contains("already exists", (await ReadJsonAsync(duplicate))["errors"]!["base"]![0]!.GetValue<string>());

        using var unwrapped = await Http.PostAsJsonAsync("products.json", new { title = "No envelope" });
        Assert.Equal(HttpStatusCode.BadRequest, unwrapped.StatusCode);
        Assert.Equal(0, (await Http.GetFromJsonAsync<JsonObject>("products/count.json"))!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task PagesFollowTheLinkHeaderCursorAndReturnEveryProductOnce()
    {
        await Store.SeedAsync(Enumerable.Range(1, 120).Select(i => new ShopifyProduct { Title = $"Product {i:000}" }));

        using var firstPage = await Http.GetAsync("products.json");
        Assert.Equal(50, (await ReadJsonAsync(firstPage))["products"]!.AsArray().Count);
        var link = Assert.Single(firstPage.Headers.GetValues("Link"));
        Assert.DoesNotContain("rel=\"previous\"", link);

        var seen = new List<long>();
        var url = "products.json?limit=40";
        var pages = 0;
        string? lastLink = null;
        while (url is not null)
        {
            using var response = await Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange((await ReadJsonAsync(response))["products"]!.AsArray().Select(p => p!["id"]!.GetValue<long>()));
            lastLink = response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
            url = lastLink is null ? null : NextLink().Match(lastLink) is { Success: true } m ? m.Groups[1].Value : null;
            Assert.True(url is null || url.Contains("limit=40"), "The cursor link keeps the limit");
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(120, seen.Distinct().Count());
        Assert.Equal(seen.Order(), seen);
        Assert.Contains("rel=\"previous\"", lastLink);
    }

    [Fact]
    public async Task OnePageHasNoLinkHeaderAndLimitIsCappedAt250()
    {
        await Store.SeedAsync(Enumerable.Range(1, 260).Select(i => new ShopifyProduct { Title = $"P{i}" }));

        using var capped = await Http.GetAsync("products.json?limit=999");
        Assert.Equal(250, (await ReadJsonAsync(capped))["products"]!.AsArray().Count);

        var ids = (await ReadJsonAsync(capped))["products"]!.AsArray().Select(p => p!["id"]!.GetValue<long>()).ToList();
        using var one = await Http.GetAsync("products.json?limit=250&since_id=" + ids[100]);
        Assert.False(one.Headers.Contains("Link"));
        Assert.Equal(159, (await ReadJsonAsync(one))["products"]!.AsArray().Count);
    }

    [Fact]
    public async Task CursorCannotBeCombinedWithFilters()
    {
        await Store.SeedAsync(Enumerable.Range(1, 5).Select(i => new ShopifyProduct { Title = $"P{i}" }));
        using var first = await Http.GetAsync("products.json?limit=2");
        var next = NextLink().Match(first.Headers.GetValues("Link").Single()).Groups[1].Value;

        using var mixed = await Http.GetAsync(next + "&vendor=Acme");
        using var garbage = await Http.GetAsync("products.json?page_info=not-a-cursor");

        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task FiltersByIdsSinceIdAndUpdatedAtAndSelectsFields()
    {
        await Store.SeedAsync(Enumerable.Range(1, 10).Select(i => new ShopifyProduct { Title = $"P{i}", Vendor = i % 2 == 0 ? "Even" : "Odd" }));
        var first = await FirstIdAsync();

        var byIds = await Http.GetFromJsonAsync<JsonObject>($"products.json?ids={first},{first + 999999}&fields=id,title");
        var product = Assert.Single(byIds!["products"]!.AsArray())!.AsObject();
        Assert.Equal(["id", "title"], product.Select(p => p.Key).Order());

        var count = await Http.GetFromJsonAsync<JsonObject>("products/count.json?vendor=Even");
        Assert.Equal(5, count!["count"]!.GetValue<int>());

        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"));
        var none = await Http.GetFromJsonAsync<JsonObject>($"products.json?updated_at_min={future}");
        Assert.Empty(none!["products"]!.AsArray());
    }

    [Fact]
    public async Task InventorySetAndAdjustMoveInventoryQuantity()
    {
        var product = await CreateProductAsync(new { title = "Candle", variants = new[] { new { sku = "CANDLE-1", price = "12.00" } } });
        var itemId = product["variants"]![0]!["inventory_item_id"]!.GetValue<long>();
        var locations = await Http.GetFromJsonAsync<JsonObject>("locations.json");
        var locationId = locations!["locations"]![0]!["id"]!.GetValue<long>();

        using var set = await Http.PostAsJsonAsync("inventory_levels/set.json", new { location_id = locationId, inventory_item_id = itemId, available = 7 });
        using var adjust = await Http.PostAsJsonAsync("inventory_levels/adjust.json", new { location_id = locationId, inventory_item_id = itemId, available_adjustment = -2 });
        var levels = await Http.GetFromJsonAsync<JsonObject>($"inventory_levels.json?inventory_item_ids={itemId}");
        var reread = await Http.GetFromJsonAsync<JsonObject>($"products/{product["id"]}.json");

        Assert.Equal(7, (await ReadJsonAsync(set))["inventory_level"]!["available"]!.GetValue<int>());
        Assert.Equal(5, (await ReadJsonAsync(adjust))["inventory_level"]!["available"]!.GetValue<int>());
        Assert.Equal(5, levels!["inventory_levels"]![0]!["available"]!.GetValue<int>());
        Assert.Equal(5, reread!["product"]!["variants"]![0]!["inventory_quantity"]!.GetValue<int>());

        using var unknown = await Http.PostAsJsonAsync("inventory_levels/set.json", new { location_id = locationId, inventory_item_id = 42, available = 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        using var noFilter = await Http.GetAsync("inventory_levels.json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noFilter.StatusCode);
    }

    [Fact]
    public async Task UpdateChangesOnlyTheFieldsSentAndVariantsListReplacesVariants()
    {
        var product = await CreateProductAsync(new
        {
            title = "Scarf", body_html = "<p>Warm</p>", vendor = "Acme",
            options = new[] { new { name = "Color" } },
            variants = new object[] { new { option1 = "Red", sku = "SC-R", price = "20.00", compare_at_price = "25.00" }, new { option1 = "Blue", sku = "SC-B", price = "20.00" } },
        });
        var id = product["id"]!.GetValue<long>();
        var red = product["variants"]![0]!["id"]!.GetValue<long>();

        using var response = await Http.PutAsJsonAsync($"products/{id}.json", new
        {
            product = new { id, title = "Wool Scarf", variants = new object[] { new { id = red, price = "18.50", compare_at_price = (string?)null } } },
        });
        var updated = (await ReadJsonAsync(response))["product"]!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Wool Scarf", updated["title"]!.GetValue<string>());
        Assert.Equal("<p>Warm</p>", updated["body_html"]!.GetValue<string>());
        var variant = Assert.Single(updated["variants"]!.AsArray())!;
        Assert.Equal("18.50", variant["price"]!.GetValue<string>());
        Assert.Null(variant["compare_at_price"]);
        Assert.Equal("SC-R", variant["sku"]!.GetValue<string>());
        Assert.Equal(["Red"], updated["options"]![0]!["values"]!.AsArray().Select(v => v!.GetValue<string>()));

        using var deleted = await Http.DeleteAsync($"products/{id}.json");
        using var gone = await Http.GetAsync($"products/{id}.json");
        using var deleteAgain = await Http.DeleteAsync($"products/{id}.json");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
    }

    [Fact]
    public async Task StateSurvivesARestartAndResetEmptiesTheStore()
    {
        var product = await CreateProductAsync(new { title = "Persistent", variants = new[] { new { sku = "KEEP-1", price = "3.00" } } });
        await RestartStoreAsync();

        var reread = await Http.GetFromJsonAsync<JsonObject>($"products/{product["id"]}.json");
        Assert.Equal("KEEP-1", reread!["product"]!["variants"]![0]!["sku"]!.GetValue<string>());
        var again = await CreateProductAsync(new { title = "Second" });
        Assert.True(again["id"]!.GetValue<long>() > product["id"]!.GetValue<long>(), "ids keep growing after a restart");

        await Store.ResetAsync();
        var count = await Http.GetFromJsonAsync<JsonObject>("products/count.json");
        Assert.Equal(0, count!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnknownPathsAndVersionsAnswer404()
    {
        using var unknownResource = await Http.GetAsync("orders.json");
        using var noVersion = await CreateClient(Token).GetAsync(new Uri(Store.BaseUrl, "admin/products.json"));
        Assert.Equal(HttpStatusCode.NotFound, unknownResource.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noVersion.StatusCode);
    }

    private async Task<long> FirstIdAsync()
    {
        var first = await Http.GetFromJsonAsync<JsonObject>("products.json?limit=1&fields=id");
        return first!["products"]![0]!["id"]!.GetValue<long>();
    }

    [GeneratedRegex("<([^>]+)>; rel=\"next\"")]
    private static partial Regex NextLink();
}
