using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SyncDashboard.Core.Export;

namespace SyncDashboard.Tests.Export;

/// <summary>An export written to memory and read back with CsvHelper, as a spreadsheet or a script would read it.</summary>
internal static class ExportCsv
{
    /// <summary>The export's bytes (the UTF-8 byte order mark first) and how many data rows it said it wrote.</summary>
    public static async Task<(byte[] Bytes, long Rows)> WriteAsync(CsvExport export)
    {
        using var stream = new MemoryStream();
        var rows = await export.WriteToAsync(stream);
        return (stream.ToArray(), rows);
    }

    /// <summary>Every row, the header first, each cell as the file has it once unquoted.</summary>
    public static List<string[]> Parse(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Parser.Record!);
        }
        return rows;
    }
}
