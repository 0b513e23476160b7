using System.Globalization;

namespace SyncDashboard.Core.Connections;

/// <summary>How a computed price is rounded. Rounding never lowers a price.</summary>
public enum PriceRounding
{
    /// <summary>To the cent.</summary>
    None,

    /// <summary>Up to the next price ending in .99 (22.00 becomes 22.99, 22.99 stays).</summary>
    To99,

    /// <summary>Up to the next price ending in .95 (22.00 becomes 22.95, 22.97 becomes 23.95).</summary>
    To95,

    /// <summary>Up to the next whole amount (22.01 becomes 23.00).</summary>
    Whole,
}

/// <summary>What a Destination variant's compare-at price becomes.</summary>
public enum CompareAtPriceMode
{
    /// <summary>The Source's compare-at price, unchanged.</summary>
    Copy,

    /// <summary>None: the Destination shows no compare-at price.</summary>
    Clear,

    /// <summary>The Source's compare-at price through the same markup and rounding as the price.</summary>
    SameRule,
}

/// <summary>
/// A Source's price rule: Destination price = Source price × (1 + <see cref="MarkupPercent"/> / 100)
/// + <see cref="FixedAmount"/>, to the cent (half away from zero), then <see cref="Rounding"/>. The
/// compare-at price follows <see cref="CompareAt"/>. The default rule changes nothing. Applied at Sync
/// and on every price update (the seed's rule: a reseller's markup). A rule can never put a product on
/// sale for nothing: the markup is at least <see cref="MinMarkupPercent"/>, the fixed amount is not
/// negative (a discount is a negative markup), and a Source price above 0 never becomes less than 0.01.
/// </summary>
public sealed record PriceRule(
    decimal MarkupPercent = 0,
    decimal FixedAmount = 0,
    PriceRounding Rounding = PriceRounding.None,
    CompareAtPriceMode CompareAt = CompareAtPriceMode.Copy)
{
    public const decimal MinMarkupPercent = -90;
    public const decimal MaxMarkupPercent = 1000;
    public const decimal MaxFixedAmount = 100_000;

    /// <summary>The rule that copies prices unchanged.</summary>
    public static PriceRule Unchanged { get; } = new();

    /// <summary>The Destination price for a Source price (both in the store's currency).</summary>
    public decimal Apply(decimal sourcePrice)
    {
        var price = Math.Round(sourcePrice * (1 + MarkupPercent / 100m) + FixedAmount, 2, MidpointRounding.AwayFromZero);
        price = Rounding switch
        {
            PriceRounding.To99 => EndIn(price, 0.99m),
            PriceRounding.To95 => EndIn(price, 0.95m),
            PriceRounding.Whole => Math.Ceiling(price),
            _ => price,
        };
        return sourcePrice > 0 ? Math.Max(0.01m, price) : Math.Max(0, price);
    }

    /// <summary>The Destination compare-at price for a Source compare-at price (null: none).</summary>
    public decimal? ApplyCompareAt(decimal? sourceCompareAtPrice) => CompareAt switch
    {
        CompareAtPriceMode.Clear => null,
        CompareAtPriceMode.SameRule => sourceCompareAtPrice is { } compareAt ? Apply(compareAt) : null,
        _ => sourceCompareAtPrice,
    };

    /// <summary>What is wrong with the markup, in words; null when it is fine.</summary>
    public string? MarkupProblem => MarkupPercent is < MinMarkupPercent or > MaxMarkupPercent
        ? string.Create(CultureInfo.InvariantCulture, $"The markup must be between {MinMarkupPercent:N0}% and {MaxMarkupPercent:N0}%.")
        : null;

    /// <summary>What is wrong with the fixed amount, in words; null when it is fine.</summary>
    public string? FixedAmountProblem => FixedAmount is < 0 or > MaxFixedAmount
        ? string.Create(CultureInfo.InvariantCulture, $"The fixed amount must be between 0 and {MaxFixedAmount:N0} (for a discount, use a negative markup).")
        : FixedAmount != decimal.Round(FixedAmount, 2)
            ? "The fixed amount is money: at most two decimals (0.50, not 0.505)."
            : null;

    /// <summary>What is wrong with the rule, in words (empty when it can be saved).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        problems.AddRange(new[] { MarkupProblem, FixedAmountProblem }.OfType<string>());
        if (!Enum.IsDefined(Rounding) || !Enum.IsDefined(CompareAt))
        {
            problems.Add("Choose a rounding and a compare-at rule from the list.");
        }
        return problems;
    }

    /// <summary>An example in words, for the settings page: "19.90 becomes 22.99".</summary>
    public string Example(decimal sourcePrice = 19.90m) =>
        string.Create(CultureInfo.InvariantCulture, $"{sourcePrice:0.00} becomes {Apply(sourcePrice):0.00}");

    private static decimal EndIn(decimal price, decimal ending) => Math.Ceiling(price - ending) + ending;
}
