using SyncDashboard.Core.Connections;

namespace SyncDashboard.Tests.Rules;

/// <summary>The price rule, pure: markup, fixed amount, rounding that never lowers, and the compare-at price.</summary>
public sealed class PriceRuleTests
{
    [Fact]
    public void TheDefaultRuleChangesNothing()
    {
        Assert.Equal(19.90m, PriceRule.Unchanged.Apply(19.90m));
        Assert.Equal(120.00m, PriceRule.Unchanged.ApplyCompareAt(120.00m));
        Assert.Null(PriceRule.Unchanged.ApplyCompareAt(null));
    }

    [Theory]
    [InlineData(20, 0, PriceRounding.None, 19.90, 23.88)]
    [InlineData(0, 2.5, PriceRounding.None, 19.90, 22.40)]
    [InlineData(10, 1, PriceRounding.None, 10.005, 12.01)] // 12.0055 to the cent, half away from zero
    [InlineData(0, 0, PriceRounding.To99, 22.00, 22.99)]
    [InlineData(0, 0, PriceRounding.To99, 22.99, 22.99)]
    [InlineData(0, 0, PriceRounding.To99, 0.50, 0.99)]
    [InlineData(0, 0, PriceRounding.To95, 22.00, 22.95)]
    [InlineData(0, 0, PriceRounding.To95, 22.97, 23.95)]
    [InlineData(0, 0, PriceRounding.Whole, 22.01, 23.00)]
    [InlineData(0, 0, PriceRounding.Whole, 22.00, 22.00)]
    [InlineData(20, 0, PriceRounding.To99, 19.90, 23.99)]
    [InlineData(-50, -20, PriceRounding.None, 30, 0.01)] // even a rule that could not be saved never makes a priced product free
    public void PriceIsMarkedUpThenRoundedUp(double markup, double fixedAmount, PriceRounding rounding, double source, double expected)
    {
        var rule = new PriceRule((decimal)markup, (decimal)fixedAmount, rounding);

        Assert.Equal((decimal)expected, rule.Apply((decimal)source));
        Assert.True(rounding == PriceRounding.None || rule.Apply((decimal)source) >= Math.Max(0, Math.Round((decimal)source * (1 + (decimal)markup / 100) + (decimal)fixedAmount, 2)));
    }

    [Fact]
    public void CompareAtIsCopiedClearedOrPassedThroughTheSameRule()
    {
        var rule = new PriceRule(10, 0, PriceRounding.To99);

        Assert.Equal(120.00m, (rule with { CompareAt = CompareAtPriceMode.Copy }).ApplyCompareAt(120.00m));
        Assert.Null((rule with { CompareAt = CompareAtPriceMode.Clear }).ApplyCompareAt(120.00m));
        Assert.Equal(132.99m, (rule with { CompareAt = CompareAtPriceMode.SameRule }).ApplyCompareAt(120.00m));
        Assert.Null((rule with { CompareAt = CompareAtPriceMode.SameRule }).ApplyCompareAt(null));
    }

    [Fact]
    public void ExampleShowsTheRuleInWords() =>
        Assert.Equal("19.90 becomes 23.99", new PriceRule(20, 0, PriceRounding.To99).Example());

    [Fact]
    public void OutOfRangeValuesAreExplained()
    {
        Assert.Empty(new PriceRule(1000, 100_000).Validate());
        Assert.Empty(new PriceRule(-90, 0).Validate());
        var problems = new PriceRule(-91, 100_001, (PriceRounding)9).Validate();
        Assert.Equal(3, problems.Count);
        Assert.Contains("The markup must be between -90% and 1,000%.", problems);
        Assert.Equal("The fixed amount must be between 0 and 100,000 (for a discount, use a negative markup).", new PriceRule(0, -0.01m).FixedAmountProblem);
        Assert.Equal("The fixed amount is money: at most two decimals (0.50, not 0.505).", new PriceRule(0, 0.001m).FixedAmountProblem);
        Assert.Null(new PriceRule(0, 0.5m).FixedAmountProblem);
        Assert.Equal("The markup must be between -90% and 1,000%.", new PriceRule(-150).MarkupProblem);
        Assert.Null(new PriceRule(-90).MarkupProblem);
    }

    [Theory]
    [InlineData(0.01, 0.01)] // 0.001 to the cent is 0.00: a priced product never becomes free
    [InlineData(0.05, 0.01)]
    [InlineData(19.90, 1.99)]
    [InlineData(0, 0)] // a free Source product stays free
    public void AValidRuleNeverPutsAPricedProductOnSaleForNothing(decimal source, decimal destination) =>
        Assert.Equal(destination, new PriceRule(-90).Apply(source));
}
