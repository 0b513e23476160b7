using System.Globalization;

namespace SyncDashboard.Core.Activity;

/// <summary>
/// The Activity Log's filters as its page and its CSV export read them from a URL
/// (<c>?kind=Failure&amp;severity=Error&amp;store=2&amp;sku=LS&amp;user=olga&amp;from=2026-11-01&amp;to=2026-11-30</c>), every one optional.
/// One reading for both, so an export lists the entries the page shows.
/// </summary>
public sealed record ActivityFilter
{
    /// <summary>The URL's parameter names.</summary>
    public const string KindParameter = "kind", SeverityParameter = "severity", StoreParameter = "store", SkuParameter = "sku",
        UserParameter = "user", FromParameter = "from", ToParameter = "to";

    /// <summary>How dates are written in the URL (<c>2026-11-30</c>); a day is a UTC day.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    public ActivityKind? Kind { get; init; }
    public ActivitySeverity? Severity { get; init; }

    /// <summary>The store's connection id.</summary>
    public int? StoreId { get; init; }

    /// <summary>Part of a SKU, any case (see <see cref="ActivityQuery.Sku"/>).</summary>
    public string? Sku { get; init; }

    /// <summary>A user name, or <see cref="ActivityQuery.SystemUser"/>.</summary>
    public string? User { get; init; }

    /// <summary>The first UTC day shown (from its midnight).</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last UTC day shown (up to the next midnight).</summary>
    public DateOnly? To { get; init; }

    /// <summary>
    /// Reads the filters from URL parameters (<paramref name="parameter"/> gives a parameter's value by name, null when absent).
    /// Kinds and severities are their names in any case; the store a number; dates <see cref="DateFormat"/>. A value that does not
    /// read is left out (the page then shows everything for it) and, when <paramref name="problems"/> is given, said there in words.
    /// </summary>
    public static ActivityFilter FromUrl(Func<string, string?> parameter, ICollection<string>? problems = null)
    {
        return new ActivityFilter
        {
            Kind = Read(KindParameter, v => EnumNames.TryParse<ActivityKind>(v, out var kind) ? kind : (ActivityKind?)null,
                $"one of {string.Join(", ", Enum.GetNames<ActivityKind>())}"),
            Severity = Read(SeverityParameter, v => EnumNames.TryParse<ActivitySeverity>(v, out var severity) ? severity : (ActivitySeverity?)null,
                $"one of {string.Join(", ", Enum.GetNames<ActivitySeverity>())}"),
            StoreId = Read(StoreParameter, v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null, "a store's number"),
            Sku = Text(SkuParameter),
            User = Text(UserParameter),
            From = Read(FromParameter, ParseDate, $"a date written {DateFormat}"),
            To = Read(ToParameter, ParseDate, $"a date written {DateFormat}"),
        };

        string? Text(string name) => string.IsNullOrWhiteSpace(parameter(name)) ? null : parameter(name)!.Trim();

        T? Read<T>(string name, Func<string, T?> parse, string expected) where T : struct
        {
            if (Text(name) is not { } value)
            {
                return null;
            }
            var parsed = parse(value);
            if (parsed is null)
            {
                problems?.Add($"The {name} filter \"{value}\" is not {expected}.");
            }
            return parsed;
        }
    }

    private static DateOnly? ParseDate(string value) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The filters as URL parameters (name to value; null for a filter not set), as <see cref="FromUrl"/> reads them.</summary>
    public IReadOnlyDictionary<string, string?> ToUrl() => new Dictionary<string, string?>
    {
        [KindParameter] = Kind?.ToString(),
        [SeverityParameter] = Severity?.ToString(),
        [StoreParameter] = StoreId?.ToString(CultureInfo.InvariantCulture),
        [SkuParameter] = Sku,
        [UserParameter] = User,
        [FromParameter] = From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        [ToParameter] = To?.ToString(DateFormat, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The query of the log for these filters (first page): <see cref="From"/> from its UTC midnight, <see cref="To"/> up to
    /// the next UTC midnight, so the day chosen as "To" is shown whole.
    /// </summary>
    public ActivityQuery ToQuery() => new()
    {
        Kind = Kind,
        Severity = Severity,
        StoreId = StoreId,
        Sku = Sku,
        User = User,
        From = From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        To = To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
    };
}
