using System.Net;
using SyncDashboard.DemoStores;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Shopify;

/// <summary>The Shopify store client against a demo store over real HTTP: every operation and its mapping.</summary>
public abstract class ShopifyStoreClientTests(StoreApi adapter) : ShopifyClientTestBase(adapter)
{
    /// <summary>These tests with the GraphQL Admin API client.</summary>
    public sealed class GraphQL() : ShopifyStoreClientTests(StoreApi.GraphQL);

    /// <summary>These tests with the REST Admin API client.</summary>
    public sealed class Rest() : ShopifyStoreClientTests(StoreApi.Rest);

    private static StoreProductDraft ShirtDraft(string title = "Ocean Blue Shirt") => new()
    {
        Title = title,
        DescriptionHtml = "<p>Soft <strong>cotton</strong>.</p>",
        Vendor = "Urban Threads",
        ProductType = "Shirts",
        Tags = ["summer", "cotton"],
        Status = "draft",
        Options = [new StoreProductOption("Size", ["S", "M"]), new StoreProductOption("Color", ["Blue"])],
        Variants =
        [
            new StoreVariantDraft
            {
                Sku = "OBS-S", Barcode = "0123456789012", Price = 19.90m, CompareAtPrice = 24.50m,
                OptionValues = ["S", "Blue"], Grams = 250, Weight = 0.25, WeightUnit = "kg",
            },
            new StoreVariantDraft
            {
                Sku = "OBS-M", Barcode = "0123456789029", Price = 21.00m,
                OptionValues = ["M", "Blue"], Grams = 300, Weight = 0.3, WeightUnit = "kg",
            },
        ],
        ImageSources = ["https://cdn.example.com/obs-front.jpg", "https://cdn.example.com/obs-back.jpg"],
    };

    [Fact]
    public async Task CreateGetUpdateAndDeleteRoundTripEveryField()
    {
        var client = CreateClient();

        var created = await client.CreateProductAsync(ShirtDraft());
        var read = await client.GetProductAsync(created.Id);

        foreach (var product in new[] { created, read! })
        {
            Assert.Equal("Ocean Blue Shirt", product.Title);
            Assert.Equal("<p>Soft <strong>cotton</strong>.</p>", product.DescriptionHtml);
            Assert.Equal("Urban Threads", product.Vendor);
            Assert.Equal("Shirts", product.ProductType);
            Assert.Equal("ocean-blue-shirt", product.Handle);
            Assert.Equal(["cotton", "summer"], product.Tags.Order());
            Assert.Equal("draft", product.Status);
            Assert.Equal(["Size", "Color"], product.Options.Select(o => o.Name));
            Assert.Equal(["S", "M"], product.Options[0].Values);
            Assert.Equal(2, product.Variants.Count);
            var small = product.Variants[0];
            Assert.Equal("OBS-S", small.Sku);
            Assert.Equal("0123456789012", small.Barcode);
            Assert.Equal(19.90m, small.Price);
            Assert.Equal("19.90", small.Price.ToString(System.Globalization.CultureInfo.InvariantCulture)); // scale kept
            Assert.Equal(24.50m, small.CompareAtPrice);
            Assert.Equal(["S", "Blue"], small.OptionValues);
            Assert.Equal(250, small.Grams);
            Assert.Equal(0.25, small.Weight);
            Assert.Equal("kg", small.WeightUnit);
            Assert.Equal("S / Blue", small.Title);
            Assert.True(small.InventoryItemId > 0);
            var medium = product.Variants[1];
            Assert.Equal("OBS-M", medium.Sku);
            Assert.Equal(21.00m, medium.Price);
            Assert.Null(medium.CompareAtPrice);
            Assert.Equal(["M", "Blue"], medium.OptionValues);
            Assert.Equal(["https://cdn.example.com/obs-front.jpg", "https://cdn.example.com/obs-back.jpg"], product.Images.Select(i => i.Src));
            Assert.Equal([1, 2], product.Images.Select(i => i.Position));
        }

        var updated = await client.UpdateProductAsync(created.Id, new StoreProductUpdate
        {
            Title = "Ocean Blue Shirt (Organic)",
            DescriptionHtml = "<p>Organic.</p>",
            Vendor = "Hearth & Home",
            ProductType = "Tops",
            Tags = ["organic"],
            Status = "active",
            ImageSources = ["https://cdn.example.com/obs-new.jpg"],
            Variants = [new StoreVariantUpdate(created.Variants[0].Id) { Prices = new StoreVariantPrices(17.50m, null) }],
        });

        Assert.Equal("Ocean Blue Shirt (Organic)", updated.Title);
        Assert.Equal("<p>Organic.</p>", updated.DescriptionHtml);
        Assert.Equal("Hearth & Home", updated.Vendor);
        Assert.Equal("Tops", updated.ProductType);
        Assert.Equal(["organic"], updated.Tags);
        Assert.Equal("active", updated.Status);
        Assert.Equal(["https://cdn.example.com/obs-new.jpg"], updated.Images.Select(i => i.Src));
        // Both variants are kept (Shopify drops those left out of an update); only the first one's prices changed.
        Assert.Equal(created.Variants.Select(v => v.Id), updated.Variants.Select(v => v.Id));
        Assert.Equal(17.50m, updated.Variants[0].Price);
        Assert.Null(updated.Variants[0].CompareAtPrice);
        Assert.Equal("OBS-S", updated.Variants[0].Sku);
        Assert.Equal(21.00m, updated.Variants[1].Price);
        Assert.Equal((await client.GetProductAsync(created.Id))!.Variants.Select(v => v.Price), updated.Variants.Select(v => v.Price));

        // A partial update changes only what it sets.
        var renamed = await client.UpdateProductAsync(created.Id, new StoreProductUpdate { Title = "Renamed" });
        Assert.Equal("Renamed", renamed.Title);
        Assert.Equal("Hearth & Home", renamed.Vendor);
        Assert.Equal(["organic"], renamed.Tags);
        Assert.Single(renamed.Images);

        Assert.True(await client.DeleteProductAsync(created.Id));
        Assert.Null(await client.GetProductAsync(created.Id));
        Assert.False(await client.DeleteProductAsync(created.Id));
    }

    [Fact]
    public async Task ProductWithoutOptionsGetsShopifysDefaultTitleVariant()
    {
        var client = CreateClient();

        var created = await client.CreateProductAsync(new StoreProductDraft
        {
            Title = "Plain Mug",
            Variants = [new StoreVariantDraft { Sku = "MUG-1", Price = 8.5m }],
        });

        Assert.Equal("Title", Assert.Single(created.Options).Name);
        var variant = Assert.Single(created.Variants);
        Assert.Equal(["Default Title"], variant.OptionValues);
        Assert.Equal(8.5m, variant.Price);
        Assert.Empty(created.Tags);
        Assert.Equal(1, await client.CountProductsAsync());
    }

    [Fact]
    public async Task GetReturnsNullAndDeleteReturnsFalseForAMissingProduct()
    {
        var client = CreateClient();

        Assert.Null(await client.GetProductAsync(987654321));
        Assert.False(await client.DeleteProductAsync(987654321));
        Assert.False(await client.DeleteWebhookAsync(987654321));
    }

    [Fact]
    public async Task RefusedCreateGivesShopifysFieldErrors()
    {
        var client = CreateClient();

        var error = await Assert.ThrowsAsync<StoreApiException>(() => client.CreateProductAsync(new StoreProductDraft { Title = "  " }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        // REST says "can't be blank" under "title"; GraphQL's user error says "Title can't be blank" for field ["input", "title"].
        Assert.Equal([Adapter == StoreApi.Rest ? "can't be blank" : "Title can't be blank"], error.Errors["title"]);
        Assert.Equal("client-test", error.StoreName);
        Assert.Contains(Adapter == StoreApi.Rest ? "POST /admin/api/2026-10/products.json answered 422" : "GraphQL ProductSet was refused", error.Message);
        Assert.Contains(Adapter == StoreApi.Rest ? "title: can't be blank" : "input.title: Title can't be blank", error.Message);
    }

    [Fact]
    public async Task WrongTokenGivesAClearUnauthorizedError()
    {
        var client = CreateClient(token: "shpat_wrong");

        var error = await Assert.ThrowsAsync<StoreApiException>(() => client.CountProductsAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        if (Adapter == StoreApi.Rest)
        {
            Assert.StartsWith("client-test: GET /admin/api/2026-10/products/count.json answered 401", error.Message);
            Assert.Contains("Invalid API key or access token", error.Message);
            Assert.Contains("check the store's access token", error.Message);
        }
        else
        {
            Assert.StartsWith("client-test: GraphQL ProductsCount answered 401", error.Message);
            Assert.Contains("check the store's credentials", error.Message);
        }
        Assert.DoesNotContain("shpat_wrong", error.ToString());
    }

    [Fact]
    public async Task PagingFollowsTheCursorThroughMoreThanAThousandProductsEachOnce()
    {
        var big = await StartStoreAsync(StoreOptions("big-store", bucketSize: 1000, leakRate: 500));
        await big.SeedAsync(Enumerable.Range(1, 1_234).Select(i => new ShopifyProduct
        {
            Title = $"Product {i:0000}",
            Tags = i % 2 == 0 ? "even, seeded" : "odd, seeded",
            Variants = [new ShopifyVariant { Sku = $"SKU-{i:0000}", Price = i + 0.99m, InventoryQuantity = i % 7 }],
        }));
        var client = CreateClient(store: big);

        var all = new List<StoreProduct>();
        await foreach (var product in client.ListProductsAsync())
        {
            all.Add(product);
        }
        var small = new List<StoreProduct>();
        await foreach (var product in client.ListProductsAsync(new ProductFilter { PageSize = 100 }))
        {
            small.Add(product);
        }

        Assert.Equal(1_234, all.Count);
        Assert.Equal(1_234, all.Select(p => p.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 1_234).Select(i => $"SKU-{i:0000}").Order(), all.Select(p => p.Variants[0].Sku!).Order());
        Assert.Equal(all.Select(p => p.Id).Order(), small.Select(p => p.Id).Order());
        Assert.Equal(1_234, await client.CountProductsAsync());
        var sample = all.Single(p => p.Title == "Product 0042");
        Assert.Equal(["even", "seeded"], sample.Tags);
        Assert.Equal(42.99m, sample.Variants[0].Price);
        Assert.Equal(0, sample.Variants[0].InventoryQuantity);
    }

    [Fact]
    public async Task FiltersAreSentOnTheFirstPageAndTheCursorCarriesThem()
    {
        await Store.SeedAsync(Enumerable.Range(1, 30).Select(i => new ShopifyProduct { Title = $"P{i}" }));
        var client = CreateClient();
        var ids = new List<long>();
        await foreach (var product in client.ListProductsAsync(new ProductFilter { PageSize = 250 }))
        {
            ids.Add(product.Id);
        }
        ids.Sort();

        // since_id then a cursor: the demo store answers 400, as Shopify does, if a filter follows the cursor.
        var afterTen = new List<long>();
        await foreach (var product in client.ListProductsAsync(new ProductFilter { SinceId = ids[9], PageSize = 7 }))
        {
            afterTen.Add(product.Id);
        }
        var picked = new List<long>();
        await foreach (var product in client.ListProductsAsync(new ProductFilter { Ids = [ids[3], ids[17], ids[29], ids[17]], PageSize = 2 }))
        {
            picked.Add(product.Id);
        }
        var updatedSince = new List<long>();
        await foreach (var product in client.ListProductsAsync(new ProductFilter { UpdatedAtMin = DateTimeOffset.UtcNow.AddHours(-1), PageSize = 13 }))
        {
            updatedSince.Add(product.Id);
        }
        var none = new List<long>();
        await foreach (var product in client.ListProductsAsync(new ProductFilter { UpdatedAtMin = DateTimeOffset.UtcNow.AddHours(1), PageSize = 13 }))
        {
            none.Add(product.Id);
        }

        Assert.Equal(ids.Skip(10), afterTen);
        Assert.Equal([ids[3], ids[17], ids[29]], picked.Order());
        Assert.Equal(ids, updatedSince.Order());
        Assert.Empty(none);
    }

    [Fact]
    public async Task InventorySetAndAdjustAreReadBackAndShowInInventoryQuantity()
    {
        var client = CreateClient();
        var product = await client.CreateProductAsync(ShirtDraft());
        var location = Assert.Single(await client.ListLocationsAsync(), l => l.Id == Store.PrimaryLocationId);
        Assert.True(location.Active);
        var items = product.Variants.Select(v => v.InventoryItemId!.Value).ToList();

        var set = await client.SetInventoryLevelAsync(items[0], location.Id, 12);
        var again = await client.SetInventoryLevelAsync(items[0], location.Id, 12); // idempotent
        var adjusted = await client.AdjustInventoryLevelAsync(items[0], location.Id, -5);
        await client.SetInventoryLevelAsync(items[1], location.Id, 3);
        var levels = await client.GetInventoryLevelsAsync(items, location.Id);
        var allLocations = await client.GetInventoryLevelsAsync(items);
        var reread = await client.GetProductAsync(product.Id);

        Assert.Equal(12, set.Available);
        Assert.Equal(12, again.Available);
        Assert.Equal(7, adjusted.Available);
        Assert.Equal(items[0], adjusted.InventoryItemId);
        Assert.Equal(location.Id, adjusted.LocationId);
        Assert.Equal(new Dictionary<long, int?> { [items[0]] = 7, [items[1]] = 3 }, levels.ToDictionary(l => l.InventoryItemId, l => l.Available));
        Assert.Equal(levels.Count, allLocations.Count(l => l.LocationId == location.Id));
        Assert.Equal([7, 3], reread!.Variants.Select(v => v.InventoryQuantity));
    }

    [Fact]
    public async Task ManyInventoryItemsAreAskedForInChunks()
    {
        await Store.SeedAsync(Enumerable.Range(1, 60).Select(i => new ShopifyProduct
        {
            Title = $"P{i}",
            Variants = [new ShopifyVariant { Sku = $"S{i}", InventoryQuantity = i }],
        }));
        var client = CreateClient();
        var products = new List<StoreProduct>();
        await foreach (var product in client.ListProductsAsync())
        {
            products.Add(product);
        }
        var items = products.Select(p => p.Variants[0].InventoryItemId!.Value).ToList();

        var levels = await client.GetInventoryLevelsAsync(items, Store.PrimaryLocationId);

        Assert.Equal(60, levels.Count);
        Assert.Equal(products.Select(p => p.Variants[0].InventoryQuantity).Order(), levels.Select(l => l.Available).Order());
    }

    [Fact]
    public async Task WebhooksAreSubscribedListedAndDeleted()
    {
        var client = CreateClient();
        var address = new Uri("http://127.0.0.1:5999/webhooks/shopify");

        var subscription = await client.SubscribeWebhookAsync(DemoWebhookTopics.ProductsUpdate, address);
        var listed = await client.ListWebhooksAsync();
        var deleted = await client.DeleteWebhookAsync(subscription.Id);
        var after = await client.ListWebhooksAsync();

        Assert.Equal(DemoWebhookTopics.ProductsUpdate, subscription.Topic);
        Assert.Equal(address, subscription.Address);
        Assert.Equal(subscription, Assert.Single(listed));
        Assert.True(deleted);
        Assert.Empty(after);
    }
}
