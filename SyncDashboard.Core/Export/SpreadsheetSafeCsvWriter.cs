using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace SyncDashboard.Core.Export;

/// <summary>
/// CsvHelper's writer with its injection protection (<see cref="CsvExportFormat.Configuration"/>) for every cell but a
/// plain whole number: a negative stock level (<c>-3</c>, a store selling past zero) is a number to a spreadsheet, never
/// a formula, and must stay one, not become the text <c>'-3</c>. Anything else starting with a formula character,
/// <c>-3+A1</c> included, is still escaped by the library. Leaves the text writer open.
/// </summary>
internal sealed class SpreadsheetSafeCsvWriter(TextWriter writer, IWriterConfiguration configuration)
    : CsvWriter(writer, configuration, leaveOpen: true)
{
    protected override string? SanitizeForInjection(string? field) =>
        long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? field : base.SanitizeForInjection(field);
}
