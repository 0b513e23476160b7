using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace SyncDashboard.Core.Export;

/// <summary>
/// How every CSV export is written: RFC 4180 (comma, double quotes, CRLF), invariant culture, UTF-8 with a byte
/// order mark (so Excel reads accents and non-Latin names right), and cells a spreadsheet would run as a formula
/// neutralised by CsvHelper (<see cref="InjectionOptions.Escape"/>, as OWASP's "CSV Injection" page advises: a cell
/// starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return is quoted and starts with <c>'</c>).
/// </summary>
internal static class CsvExportFormat
{
    /// <summary>The characters that make a spreadsheet read a cell as a formula (OWASP's list).</summary>
    public static readonly char[] FormulaCharacters = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>UTF-8, with its byte order mark first.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The writer's configuration (shared; never changed after start).</summary>
    public static CsvConfiguration Configuration { get; } = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = FormulaCharacters,
        InjectionEscapeCharacter = '\'',
        NewLine = "\r\n",
    };

    /// <summary>An instant as ISO 8601 in UTC to the second (<c>2026-11-30T14:05:09Z</c>); empty for none.</summary>
    public static string Instant(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A whole number in invariant digits (<c>-3</c>, <c>1200</c>).</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
