using System.Diagnostics;
using System.Text.Json;
using SyncDashboard.DemoStores;
using SyncDashboard.DemoStores.Seeding;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;
using Xunit.Abstractions;

namespace SyncDashboard.Tests.DemoStores.Seeding;

public sealed class CatalogueGeneratorTests(ITestOutputHelper output)
{
    private static readonly string[] TwoSources = ["source-a", "source-b"];

    private static readonly DemoCatalogueOptions Options = new()
    {
        Seed = 7,
        ProductsPerSource = 600,
        MissingSkuShare = 0.05,
        DuplicateSkuShare = 0.04,
        InDestinationShare = 0.3,
        SlightlyDifferentShare = 0.3,
        DestinationOnlyProducts = 80,
    };

    [Fact]
    public void SameSeedGivesTheSameCatalogues()
    {
        var first = JsonSerializer.Serialize(CatalogueGenerator.Generate(Options, TwoSources), ShopifyJson.Responses);
        var second = JsonSerializer.Serialize(CatalogueGenerator.Generate(Options, TwoSources), ShopifyJson.Responses);
        var other = JsonSerializer.Serialize(CatalogueGenerator.Generate(new DemoCatalogueOptions { Seed = 8, ProductsPerSource = 600 }, TwoSources), ShopifyJson.Responses);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void CataloguesAreRealisticAndHonourTheShares()
    {
        var generated = CatalogueGenerator.Generate(Options, TwoSources);
        var source = generated.Sources["source-a"];

        Assert.Equal(600, source.Count);
        Assert.All(source, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Title));
            Assert.False(string.IsNullOrWhiteSpace(p.Vendor));
            Assert.False(string.IsNullOrWhiteSpace(p.ProductType));
            Assert.InRange(p.Variants!.Count, 1, 6);
            Assert.InRange(p.Options!.Count, 1, 3);
            Assert.All(p.Variants!, v => Assert.True(v.Price > 0));
            Assert.All(p.Variants!, v => Assert.Matches(@"^\d{13}$", v.Barcode!));
        });
        var averageVariants = source.Average(p => p.Variants!.Count);
        Assert.InRange(averageVariants, 2.0, 4.0);
        var missing = source.Count(p => p.Variants!.Any(v => string.IsNullOrEmpty(v.Sku))) / 600.0;
        Assert.InRange(missing, 0.02, 0.09);
        var skuCounts = source.SelectMany(p => p.Variants!).Where(v => !string.IsNullOrEmpty(v.Sku)).GroupBy(v => v.Sku).Count(g => g.Count() > 1);
        Assert.InRange(skuCounts, 5, 45);
        output.WriteLine($"average variants {averageVariants:0.00}, missing-SKU share {missing:P1}, duplicated SKUs {skuCounts}");
    }

    [Fact]
    public void ExpectedAnswersAgreeWithTheGeneratedSkus()
    {
        var generated = CatalogueGenerator.Generate(Options, TwoSources);
        var sourceProducts = generated.Sources.SelectMany(s => s.Value.Select(p => (Store: s.Key, Product: p))).ToList();
        var sourceBySku = sourceProducts
            .SelectMany(s => s.Product.Variants!.Where(v => !string.IsNullOrEmpty(v.Sku)).Select(v => (v.Sku, s.Store, s.Product)))
            .ToLookup(x => x.Sku!);
        var destinationSkus = generated.Destination.SelectMany(p => p.Variants!).Where(v => !string.IsNullOrEmpty(v.Sku))
            .GroupBy(v => v.Sku!).ToDictionary(g => g.Key, g => g.Count());
        var destinationByHandle = generated.Destination.ToDictionary(p => p.Handle!);

        Assert.Equal(generated.Destination.Count, generated.Expectations.Count);
        foreach (var expected in generated.Expectations)
        {
            var product = destinationByHandle[expected.DestinationHandle];
            Assert.Equal(expected.Outcome, Recompute(product));
        }
        foreach (var outcome in Enum.GetValues<ExpectedOutcome>())
        {
            Assert.Contains(generated.Expectations, e => e.Outcome == outcome);
        }

        ExpectedOutcome Recompute(ShopifyProduct product)
        {
            var skus = product.Variants!.Select(v => v.Sku).ToList();
            if (skus.Any(string.IsNullOrEmpty)) { return ExpectedOutcome.MissingSku; }
            if (skus.Any(s => destinationSkus[s!] > 1)) { return ExpectedOutcome.DuplicateSku; }
            var matches = skus.Select(s => sourceBySku[s!].ToList()).ToList();
            if (matches.All(m => m.Count == 0)) { return ExpectedOutcome.NoMatch; }
            if (matches.Any(m => m.Count > 1)) { return ExpectedOutcome.DuplicateSku; }
            var candidates = matches.Where(m => m.Count == 1).Select(m => m[0].Product).Distinct().ToList();
            if (candidates.Count > 1) { return ExpectedOutcome.PartialSkuMatch; }
            if (candidates[0].Variants!.Count != product.Variants!.Count) { return ExpectedOutcome.VariantCountDiffers; }
            return matches.All(m => m.Count == 1) ? ExpectedOutcome.Match : ExpectedOutcome.PartialSkuMatch;
        }
    }

    [Fact]
    public void OneHundredThousandProductsGenerateInSeconds()
    {
        var watch = Stopwatch.StartNew();
        var products = CatalogueGenerator.GenerateStore(seed: 1, count: 100_000);
        watch.Stop();

        Assert.Equal(100_000, products.Count);
        Assert.Equal(products.Sum(p => p.Variants!.Count), products.SelectMany(p => p.Variants!).Select(v => v.Sku).Distinct().Count());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        output.WriteLine($"100,000 products ({products.Sum(p => p.Variants!.Count)} variants) in {watch.Elapsed.TotalSeconds:0.0} s");
    }
}
