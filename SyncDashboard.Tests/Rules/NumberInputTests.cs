using SyncDashboard.Core.Connections;

namespace SyncDashboard.Tests.Rules;

public sealed class NumberInputTests
{
    [Theory]
    [InlineData("12.5", 12.5)]
    [InlineData("12,5", 12.5)]
    [InlineData(" -3 ", -3)]
    [InlineData("0", 0)]
    [InlineData("1000", 1000)]
    [InlineData("0,05", 0.05)]
    [InlineData("0.125", 0.125)]
    [InlineData("1250.125", 1250.125)]
    public void ReadsADotOrACommaAsTheDecimalSeparator(string text, double expected)
    {
        Assert.True(NumberInput.TryParse(text, out var value, out var problem), problem);
        Assert.Equal((decimal)expected, value);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("1,000", "Is 1,000 a number with three decimals or in thousands?")]
    [InlineData("1.000", "Is 1.000 a number with three decimals or in thousands?")]
    [InlineData("1,234.5", "Write the number without a thousands separator")]
    [InlineData("1 234", "Write the number without a thousands separator")]
    [InlineData("12%", "Enter a number, for example 12.5.")]
    [InlineData("abc", "Enter a number, for example 12.5.")]
    [InlineData("", "Enter a number (0 for none).")]
    [InlineData(null, "Enter a number (0 for none).")]
    public void RefusesWhatItWouldHaveToGuess(string? text, string reason)
    {
        Assert.False(NumberInput.TryParse(text, out var value, out var problem));
        Assert.Equal(0, value);
        Assert.StartsWith(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, "20")]
    [InlineData(12.50, "12.5")]
    [InlineData(-3, "-3")]
    public void FormatsAsTheFieldShowsIt(double value, string text) => Assert.Equal(text, NumberInput.Format((decimal)value));
}
