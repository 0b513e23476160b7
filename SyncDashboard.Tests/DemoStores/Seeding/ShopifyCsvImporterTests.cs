using SyncDashboard.DemoStores.Seeding;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.DemoStores.Seeding;

/// <summary>Shopify's own sample catalogues import with exactly the counts their SOURCE.md gives.</summary>
public sealed class ShopifyCsvImporterTests
{
    [Theory]
    [InlineData("apparel.csv", 22, 20, 22)]
    [InlineData("home-and-garden.csv", 21, 20, 21)]
    [InlineData("jewelery.csv", 41, 20, 23)]
    public void FixtureImportsWithTheDocumentedCounts(string file, int rows, int products, int variants)
    {
        var result = ShopifyCsvImporter.ImportFile(Path.Combine(SharedFixtures.ProductCsvs, file));

        Assert.Equal(rows, result.Rows);
        Assert.Equal(products, result.Products.Count);
        Assert.Equal(variants, result.VariantCount);
        Assert.Equal(rows - variants, result.ImageRows);
        Assert.Equal(0, result.Products.SelectMany(p => p.Variants!).Count(v => !string.IsNullOrEmpty(v.Sku)));
        Assert.Equal(products, result.Products.Select(p => p.Handle).Distinct().Count());
    }

    [Theory]
    [InlineData("apparel.csv")]
    [InlineData("home-and-garden.csv")]
    [InlineData("jewelery.csv")]
    public void EmbeddedCopyIsByteIdenticalToTheFixture(string file)
    {
        using var embedded = ShopifyCsvImporter.OpenEmbedded(file);
        using var copy = new MemoryStream();
        embedded.CopyTo(copy);

        Assert.Equal(File.ReadAllBytes(Path.Combine(SharedFixtures.ProductCsvs, file)), copy.ToArray());
    }

    [Fact]
    public void VariantRowsBecomeVariantsWithTheirOptionsAndPrices()
    {
        var product = ShopifyCsvImporter.ImportEmbedded("apparel.csv").Products.Single(p => p.Handle == "classic-varsity-top");

        Assert.Equal("Classic Varsity Top", product.Title);
        Assert.Equal("Size", Assert.Single(product.Options!).Name);
        Assert.Equal(["Small", "Medium", "Large"], product.Variants!.Select(v => v.Option1));
        Assert.All(product.Variants!, v => Assert.Equal("60.00", v.Price!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("women", product.Tags);
        Assert.Single(product.Images!);
    }

    [Fact]
    public void ImageOnlyRowsBecomeImagesNotVariants()
    {
        var product = ShopifyCsvImporter.ImportEmbedded("jewelery.csv").Products.Single(p => p.Handle == "leather-anchor");

        // Rows: Gold (variant + image 1), Silver (variant + image 2), and a row with only image 3.
        Assert.Equal(["Gold", "Silver"], product.Variants!.Select(v => v.Option1));
        Assert.Equal([1, 2, 3], product.Images!.Select(i => i.Position!.Value));
        Assert.EndsWith("leather-anchor-bracelet-for-men_925x.jpg", product.Images![2].Src);
    }

    [Fact]
    public void ProductWithoutOptionsGetsTheDefaultTitleVariant()
    {
        var product = ShopifyCsvImporter.ImportEmbedded("apparel.csv").Products.Single(p => p.Handle == "ocean-blue-shirt");

        Assert.Equal("Title", Assert.Single(product.Options!).Name);
        Assert.Equal("Default Title", Assert.Single(product.Variants!).Option1);
    }

    [Fact]
    public void RowWithoutHandleIsRefusedWithItsLineNumber()
    {
        var csv = "Handle,Title,Option1 Name,Option1 Value,Variant Price\nmug,Mug,Title,Default Title,5.00\n,Orphan,Title,Default Title,3.00\n";

        var error = Assert.Throws<CsvImportException>(() => ShopifyCsvImporter.Import(new StringReader(csv), "broken.csv"));

        Assert.Equal("broken.csv, line 3: the row has no Handle.", error.Message);
    }

    [Fact]
    public void UnreadablePriceIsRefusedWithColumnAndLine()
    {
        var csv = "Handle,Title,Option1 Name,Option1 Value,Variant Price\nmug,Mug,Title,Default Title,five\n";

        var error = Assert.Throws<CsvImportException>(() => ShopifyCsvImporter.Import(new StringReader(csv), "prices.csv"));

        Assert.Contains("line 2: Variant Price 'five' is not an amount", error.Message);
    }
}
