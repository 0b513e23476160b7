using SyncDashboard.Account;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Export;

namespace SyncDashboard.Components.Pages.BulkMapper;

/// <summary>
/// The Bulk Mapper: the rules, a dry run first, then Start. Each run is a persisted bulk map job
/// whose progress the page follows live; the report lists every Destination product with its
/// outcome, reason and Source store (sortable), filterable by outcome; a line where only some SKUs
/// match one Source product opens the Individual Mapper on the two products ("Map by hand").
/// </summary>
public sealed partial class BulkMapperPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    [Inject] public required IJobService Jobs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }

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

    /// <summary>Destination products (mirrored ids) mapped from this report with the Individual Mapper since it was shown.</summary>
    private HashSet<long> MappedByHand { get; } = [];

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
            Report = await Jobs.GetMappingReportAsync(latest.Id);
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
        var report = await Jobs.GetMappingReportAsync(jobId);
        if (report is not null)
        {
            Report = report;
            ReportJobId = jobId;
            Filter = null;
            MappedByHand.Clear();
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

    /// <summary>
    /// The Individual Mapper on the line's Source and Destination products, their variants paired by SKU
    /// where the SKUs match and by option values where they do not (what the merchant confirms). The
    /// merchant may choose another Destination product there: the line of the product mapped is marked.
    /// </summary>
    private async Task MapByHandAsync(MappingReportLine line)
    {
        var parameters = new DialogParameters<IndividualMapperDialog>
        {
            { d => d.SourceProductId, line.SourceMirroredId!.Value },
            { d => d.DestinationProductId, line.DestinationMirroredId!.Value },
        };
        var dialog = await Dialogs.ShowAsync<IndividualMapperDialog>(
            $"Map \"{line.SourceTitle}\" to \"{line.DestinationTitle}\"", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: long mappedTo })
        {
            MappedByHand.Add(mappedTo);
            Snackbar.Add(mappedTo == line.DestinationMirroredId
                ? $"Mapped \"{line.DestinationTitle}\": its stock is brought in step now."
                : $"Mapped \"{line.SourceTitle}\" to another Destination product: its stock is brought in step now.", Severity.Success);
            StateHasChanged();
        }
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
