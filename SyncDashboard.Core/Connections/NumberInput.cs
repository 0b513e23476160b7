using System.Globalization;
using System.Text.RegularExpressions;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// A number as a merchant types it in a settings field, whatever their keyboard's habit: "12.5" and
/// "12,5" are both twelve and a half (one decimal separator, a dot or a comma), with an optional
/// leading minus. Thousands separators are refused rather than guessed: "1,000" and "1.000" may mean one
/// thousand or one, and "1,234.5" is refused with a hint, so a typed value never silently becomes another.
/// </summary>
public static partial class NumberInput
{
    /// <summary>Reads <paramref name="text"/>; on failure <paramref name="problem"/> says why, in words, and <paramref name="value"/> is 0.</summary>
    public static bool TryParse(string? text, out decimal value, out string? problem)
    {
        value = 0;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            problem = "Enter a number (0 for none).";
            return false;
        }
        var match = Plain().Match(trimmed);
        if (!match.Success)
        {
            problem = Grouped().IsMatch(trimmed)
                ? "Write the number without a thousands separator, for example 1250.5."
                : "Enter a number, for example 12.5.";
            return false;
        }
        if (match.Groups["decimals"].Value.Length == 3 && match.Groups["whole"].Value.TrimStart('0').Length is > 0 and <= 3)
        {
            problem = $"Is {trimmed} a number with three decimals or in thousands? Write it without the separator, or with fewer decimals.";
            return false;
        }
        value = decimal.Parse(trimmed.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        problem = null;
        return true;
    }

    /// <summary>The value as the field shows it: invariant, no grouping, no trailing zeros ("12.5", "-3", "0").</summary>
    public static string Format(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^-?(?<whole>\d{1,15})(?:[.,](?<decimals>\d{1,10}))?$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^-?\d{1,3}(?:[.,' ]\d{3})+(?:[.,]\d+)?$")]
    private static partial Regex Grouped();
}
