using SyncDashboard.Core;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Products;

namespace SyncDashboard.Tests.Rules;

/// <summary>Filters in URLs are read by their names only: never a number or a comma list turned into another filter.</summary>
public sealed class EnumNamesTests
{
    [Theory]
    [InlineData("mapped", ProductStatusFilter.Mapped)]
    [InlineData(" DuplicateSkus ", ProductStatusFilter.DuplicateSkus)]
    [InlineData("notsynced", ProductStatusFilter.NotSynced)]
    public void ANameReadsInAnyCase(string text, ProductStatusFilter expected)
    {
        Assert.True(EnumNames.TryParse<ProductStatusFilter>(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("synced,mapped")] // Enum.TryParse ORs them into Mapped
    [InlineData("+1")] // Enum.TryParse reads NotSynced
    [InlineData("3")]
    [InlineData("lost")]
    [InlineData("")]
    [InlineData(null)]
    public void NumbersListsAndUnknownNamesDoNotRead(string? text)
    {
        Assert.False(EnumNames.TryParse<ProductStatusFilter>(text, out _));
        Assert.False(EnumNames.TryParse<ActivityKind>(text, out _));
    }

    [Fact]
    public void TheActivityLogsFiltersAreReadByName()
    {
        var problems = new List<string>();
        var filter = ActivityFilter.FromUrl(name => name switch { "kind" => "Failure,Job", "severity" => "error", _ => null }, problems);

        Assert.Null(filter.Kind);
        Assert.Equal(ActivitySeverity.Error, filter.Severity);
        Assert.Single(problems, p => p.StartsWith("The kind filter \"Failure,Job\" is not one of", StringComparison.Ordinal));
    }
}
