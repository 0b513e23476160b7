using SyncDashboard.Account;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Export;

namespace SyncDashboard.Components.Pages.BulkMapper;

/// <summary>
/// The Bulk Mapper: the rules, a dry run first, then Start. Each run is a persisted bulk map job
/// whose progress the page follows live; the report lists every Destination product with its
/// outcome and reason, filterable by outcome.
/// </summary>
public sealed partial class BulkMapperPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    [Inject] public required IJobService Jobs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }

    /// <summary>The signed-in user: anyone may run a dry run; mapping and cancelling are an Operator's or the Owner's.</summary>
    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Authentication { get; set; }

    private SyncDashboard.Core.Users.DashboardActor? Actor { get; set; }

    private bool CanOperate => Actor?.CanOperate == true;

    private MappingReport? Report { get; set; }

    /// <summary>The job whose report is shown.</summary>
    private Guid? ReportJobId { get; set; }

    /// <summary>The CSV export of the report shown, under the outcome chosen (every line, not only the page shown).</summary>
    private string? ExportHref => ReportJobId is { } jobId ? ExportLinks.MappingReport(jobId, Filter) : null;
    private bool Running { get; set; }
    private Guid? RunningJobId { get; set; }
    private bool CancelRequested { get; set; }
    private double Percent { get; set; }
    private string? Detail { get; set; }
    private MappingOutcome? Filter { get; set; }

    private IEnumerable<MappingReportLine> FilteredLines => Report!.Lines.Where(l => Filter is null || l.Outcome == Filter);

    /// <summary>Shows the latest run's report, or follows a run still going (the page can be left and opened again).</summary>
    protected override async Task OnInitializedAsync()
    {
        Actor = await Authentication.ActorAsync();
        var latest = (await Jobs.ListRecentAsync()).FirstOrDefault(j => j.Kind == JobKind.BulkMap);
        if (latest is null)
        {
            return;
        }
        if (latest.Status.IsFinished())
        {
            Report = Jobs.GetMappingReport(latest.Id);
            ReportJobId = Report is null ? null : latest.Id;
        }
        else
        {
            _ = InvokeAsync(() => FollowAsync(latest.Id, announce: false));
        }
    }

    /// <summary>Runs the Bulk Mapper as a persisted job (it goes on, and resumes after a restart, if the page is left).</summary>
    private async Task RunAsync(bool dryRun)
    {
        Job job;
        try
        {
            job = await Jobs.StartBulkMapAsync(dryRun);
        }
        catch (SyncDashboard.Core.Users.ActionNotAllowedException e)
        {
            Snackbar.Add(e.Message, Severity.Warning); // the role changed since the page was opened
            return;
        }
        await FollowAsync(job.Id, announce: true);
    }

    private async Task FollowAsync(Guid jobId, bool announce)
    {
        Running = true;
        RunningJobId = jobId;
        CancelRequested = false;
        Percent = 0;
        Detail = null;
        StateHasChanged();
        try
        {
            await foreach (var progress in Jobs.WatchAsync(jobId, _disposed.Token))
            {
                Percent = progress.Percent;
                Detail = progress.Status == JobStatus.Queued ? null : progress.Detail ?? "Starting…";
                StateHasChanged();
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        Running = false;
        RunningJobId = null;
        var job = await Jobs.GetAsync(jobId);
        var report = Jobs.GetMappingReport(jobId);
        if (report is not null)
        {
            Report = report;
            ReportJobId = jobId;
            Filter = null;
        }
        if (job is { Status: JobStatus.Cancelled })
        {
            Snackbar.Add(report is { DryRun: false }
                ? $"Cancelled: {report.Count(MappingOutcome.Mapped)} products were mapped; the reconciliation brings their stock in step."
                : "The Bulk Mapper was cancelled.", Severity.Warning);
        }
        else if (job is { Status: JobStatus.Failed })
        {
            Snackbar.Add($"The Bulk Mapper did not finish: {job.Error ?? job.Status.ToString()}", Severity.Error);
        }
        else if (announce && report is { DryRun: false })
        {
            Snackbar.Add($"Mapped {report.Count(MappingOutcome.Mapped)} products.", Severity.Success);
        }
        StateHasChanged();
    }

    private async Task CancelAsync()
    {
        if (RunningJobId is { } jobId)
        {
            CancelRequested = await Jobs.CancelAsync(jobId);
        }
    }

    private static string Label(MappingOutcome outcome) => outcome.Words();

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
