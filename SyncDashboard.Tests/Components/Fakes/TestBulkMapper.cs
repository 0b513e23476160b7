using SyncDashboard.Core.Mapping;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>
/// Answers each run with <see cref="Lines"/> as its report. A run waits for <see cref="Release"/>
/// when <see cref="HoldRuns"/> is set, so a test can watch the progress bar.
/// </summary>
public sealed class TestBulkMapper : IBulkMapper
{
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<MappingReportLine> Lines { get; } = [];
    public List<bool> Runs { get; } = [];
    public bool HoldRuns { get; set; }

    public async Task<MappingReport> RunAsync(bool dryRun, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        Runs.Add(dryRun);
        progress?.Report((Lines.Count / 2, Lines.Count));
        if (HoldRuns)
        {
            await _release.Task.WaitAsync(cancellationToken);
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        progress?.Report((Lines.Count, Lines.Count));
        return new MappingReport(dryRun, [.. Lines], TimeSpan.FromMilliseconds(120));
    }

    public void Release() => _release.TrySetResult();
}
