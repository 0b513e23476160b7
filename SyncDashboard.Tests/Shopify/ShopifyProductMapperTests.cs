using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Shopify;

/// <summary>Shopify's REST shapes to and from the store-neutral models.</summary>
public sealed class ShopifyProductMapperTests
{
    [Theory]
    [InlineData("a, b", new[] { "a", "b" })]
    [InlineData(" a ,b,, c ", new[] { "a", "b", "c" })]
    [InlineData("", new string[0])]
    [InlineData(null, new string[0])]
    public void TagsAreSplitOnCommas(string? tags, string[] expected)
    {
        Assert.Equal(expected, ShopifyProductMapper.SplitTags(tags));
    }

    [Fact]
    public void TagsAreJoinedAsShopifyWritesThem()
    {
        Assert.Equal("summer, cotton, gift", ShopifyProductMapper.JoinTags([" summer", "cotton ", "", "gift"]));
    }

    [Fact]
    public void ProductFromShopifyKeepsOptionValuesInOptionOrder()
    {
        var product = ShopifyProductMapper.ToStoreProduct(new ShopifyProduct
        {
            Id = 7,
            Title = "Shirt",
            Tags = "b, a",
            Options =
            [
                new ShopifyOption { Name = "Color", Position = 2, Values = ["Blue"] },
                new ShopifyOption { Name = "Size", Position = 1, Values = ["S", "M"] },
            ],
            Variants =
            [
                new ShopifyVariant { Id = 1, Option1 = "S", Option2 = "Blue", Price = 19.90m, Sku = "" },
                new ShopifyVariant { Id = 2, Option1 = "M", Option2 = "Blue", Option3 = null, Price = 21m, Sku = "SH-M" },
            ],
            Images = [new ShopifyImage { Id = 3, Src = "https://cdn/2.jpg", Position = 2 }, new ShopifyImage { Id = 4, Src = "https://cdn/1.jpg", Position = 1 }],
        });

        Assert.Equal(["b", "a"], product.Tags);
        Assert.Equal(["Size", "Color"], product.Options.Select(o => o.Name));
        Assert.Equal(["S", "Blue"], product.Variants[0].OptionValues);
        Assert.Null(product.Variants[0].Sku); // Shopify's "" is no SKU
        Assert.Equal("SH-M", product.Variants[1].Sku);
        Assert.Equal(["https://cdn/1.jpg", "https://cdn/2.jpg"], product.Images.Select(i => i.Src));
    }

    [Fact]
    public void DraftBecomesShopifysCreateBody()
    {
        var body = ShopifyProductMapper.ToShopifyProduct(new StoreProductDraft
        {
            Title = "Shirt",
            Tags = ["a", "b"],
            Options = [new StoreProductOption("Size", ["S"])],
            Variants = [new StoreVariantDraft { Sku = "S-1", Price = 19.90m, OptionValues = ["S"] }],
            ImageSources = ["https://cdn/1.jpg"],
        });

        Assert.Equal("a, b", body.Tags);
        Assert.Equal("Size", Assert.Single(body.Options!).Name);
        var variant = Assert.Single(body.Variants!);
        Assert.Equal(("S", null, null), (variant.Option1, variant.Option2, variant.Option3));
        Assert.Equal(19.90m, variant.Price);
        Assert.Equal("https://cdn/1.jpg", Assert.Single(body.Images!).Src);
    }

    [Fact]
    public void UpdateBodyCarriesOnlyWhatChangesAndEveryVariantWhenPricesChange()
    {
        var body = ShopifyProductMapper.ToUpdateBody(7, new StoreProductUpdate
        {
            Title = "New",
            Tags = [],
            Variants =
            [
                new StoreVariantUpdate(2) { Prices = new StoreVariantPrices(19.90m, null) },
                new StoreVariantUpdate(3) { Prices = new StoreVariantPrices(5m, 6.50m), InventoryTracked = false, InventoryPolicy = "continue" },
            ],
        }, currentVariantIds: [1, 2, 3]);

        var product = body["product"]!.AsObject();
        Assert.Equal(["id", "title", "tags", "variants"], product.Select(p => p.Key));
        Assert.Equal("", product["tags"]!.GetValue<string>());
        var variants = product["variants"]!.AsArray();
        Assert.Equal("""{"id":1}""", variants[0]!.ToJsonString());
        Assert.Equal("""{"id":2,"price":"19.90","compare_at_price":null}""", variants[1]!.ToJsonString());
        Assert.Equal("""{"id":3,"price":"5","compare_at_price":"6.50","inventory_management":null,"inventory_policy":"continue"}""", variants[2]!.ToJsonString());
    }

    [Fact]
    public void UpdateBodyWithoutPriceChangesLeavesVariantsAlone()
    {
        var body = ShopifyProductMapper.ToUpdateBody(7, new StoreProductUpdate { Status = "archived" }, null);

        Assert.Equal("""{"product":{"id":7,"status":"archived"}}""", body.ToJsonString());
    }
}
