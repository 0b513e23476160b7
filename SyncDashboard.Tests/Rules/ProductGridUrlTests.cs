using SyncDashboard.Core.Products;

namespace SyncDashboard.Tests.Rules;

/// <summary>The product grid's sort in a URL: one form for the Products page and its CSV export.</summary>
public sealed class ProductGridUrlTests
{
    [Fact]
    public void EverySortReadsBackAsWritten()
    {
        foreach (var sort in Enum.GetValues<ProductSort>())
        {
            foreach (var descending in new[] { false, true })
            {
                Assert.True(ProductGridUrl.TryParseSort(ProductGridUrl.FormatSort(sort, descending), out var read, out var readDescending));
                Assert.Equal((sort, descending), (read, readDescending));
            }
        }
    }

    [Theory]
    [InlineData(null, ProductSort.Title, false)]
    [InlineData("-inventory", ProductSort.Inventory, true)]
    [InlineData("Variants", ProductSort.VariantCount, false)]
    [InlineData(" -synced ", ProductSort.LastSynced, true)]
    public void ASortIsReadByItsNameInAnyCase(string? text, ProductSort sort, bool descending)
    {
        Assert.True(ProductGridUrl.TryParseSort(text, out var read, out var readDescending));
        Assert.Equal((sort, descending), (read, readDescending));
    }

    [Theory]
    [InlineData("price")]
    [InlineData("--title")]
    [InlineData("variantcount")] // the enum's name is not the URL's
    [InlineData("3")]
    public void AnUnknownSortIsNotReadAndFallsBackToTitle(string text)
    {
        Assert.False(ProductGridUrl.TryParseSort(text, out var sort, out var descending));
        Assert.Equal((ProductSort.Title, false), (sort, descending));
    }

    [Fact]
    public void TheDefaultSortIsLeftOutOfTheUrl()
    {
        Assert.Null(ProductGridUrl.FormatSort(ProductSort.Title, false));
        Assert.Equal("-title", ProductGridUrl.FormatSort(ProductSort.Title, true));
        Assert.Equal("vendor", ProductGridUrl.FormatSort(ProductSort.Vendor, false));
    }
}
