using CsvHelper;

namespace SyncDashboard.Core.Export;

/// <summary>
/// One CSV download, ready to be written: its file name, its header row and its rows, which are read from the
/// database while they are written (never all held at once). Made by <see cref="ICsvExportService"/>; written once.
/// </summary>
public sealed class CsvExport
{
    /// <summary>The HTTP content type of every export.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>How often (in rows) what was written is pushed on to the output stream, so a download starts at once and flows.</summary>
    internal const int FlushEveryRows = 1_000;

    private readonly Func<CsvWriter, CancellationToken, Task<long>> _writeRows;

    internal CsvExport(string fileName, IReadOnlyList<string> header, Func<CsvWriter, CancellationToken, Task<long>> writeRows)
    {
        FileName = fileName;
        Header = header;
        _writeRows = writeRows;
    }

    /// <summary>A file name for the download: lower-case ASCII letters, digits and hyphens, ending <c>.csv</c> (<c>urban-threads-products-2026-11-30.csv</c>).</summary>
    public string FileName { get; }

    /// <summary>The column names of the first row.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>
    /// Writes the CSV to <paramref name="output"/> (left open) asynchronously, flushing it every
    /// <see cref="FlushEveryRows"/> rows and at the end; format as <see cref="CsvExportFormat"/> says.
    /// </summary>
    /// <returns>How many data rows were written (the header not counted).</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled (the client went away): what was written stays written.</exception>
    public async Task<long> WriteToAsync(Stream output, CancellationToken cancellationToken = default)
    {
        await using var text = new StreamWriter(output, CsvExportFormat.Encoding, bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new SpreadsheetSafeCsvWriter(text, CsvExportFormat.Configuration);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }
        await csv.NextRecordAsync();
        var rows = await _writeRows(csv, cancellationToken);
        await csv.FlushAsync();
        return rows;
    }

    /// <summary>Ends a data row and, every <see cref="FlushEveryRows"/> rows, pushes what was written on to the output.</summary>
    internal static async Task EndRowAsync(CsvWriter csv, long rowsSoFar, CancellationToken cancellationToken)
    {
        await csv.NextRecordAsync();
        if (rowsSoFar % FlushEveryRows == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await csv.FlushAsync();
        }
    }
}
