using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using SyncDashboard.Account;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Components.Pages.Jobs;

/// <summary>
/// The jobs (<c>/jobs</c>: newest first) and one job's result (<c>/jobs/{id}</c>): what became of each
/// item, why a failed one failed (a rule's refusal, or store errors that outlasted the job's retries),
/// how many tries it took, and Retry for one failed item or all of them (an Operator's or the Owner's;
/// a new job, followed here). A running job's page follows it live.
/// </summary>
public sealed partial class JobsPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenSource? _following;

    [Inject] public required IJobService Jobs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required IOptions<JobOptions> Options { get; init; }

    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Authentication { get; set; }

    /// <summary>The job shown; null for the list.</summary>
    [Parameter] public Guid? JobId { get; set; }

    private DashboardActor? Actor { get; set; }

    /// <summary>A disconnection is retried by the Owner only; the rest by an Operator too.</summary>
    private bool CanOperate => Result?.Kind == JobKind.Disconnect ? Actor?.IsOwner == true : Actor?.CanOperate == true;

    private IReadOnlyList<Job>? Recent { get; set; }
    private JobResult? Result { get; set; }
    private JobProgress? Progress { get; set; }
    private bool NotFound { get; set; }
    private bool Retrying { get; set; }

    private List<BreadcrumbItem> Breadcrumbs => [new("Jobs", "jobs"), new(Result?.Kind.Describe() ?? "Job", null, disabled: true)];

    private string RetryWindow => Options.Value.TransientRetryWindow.TotalMinutes is var minutes && minutes >= 1
        ? $"{minutes:0.#} minute{(minutes == 1 ? "" : "s")}"
        : $"{Options.Value.TransientRetryWindow.TotalSeconds:0} seconds";

    private string Summary => Result is not { } r ? ""
        : $"{r.Status}: {r.Succeeded} succeeded, {r.Failed} failed of {r.Total}" +
          (r.Total - r.Done > 0 && r.Status.IsFinished() ? $", {r.Total - r.Done} skipped" : "") +
          $". Started by {r.StartedBy ?? "System"} {r.CreatedAt.ToLocalTime():g}" +
          (r.FinishedAt is { } finished ? $", finished {finished.ToLocalTime():g}." : ".") +
          (r.Error is { } error ? $" {error}" : "");

    protected override async Task OnInitializedAsync() => Actor = await Authentication.ActorAsync();

    protected override async Task OnParametersSetAsync()
    {
        _following?.Cancel();
        (Result, Recent, Progress, NotFound) = (null, null, null, false);
        if (JobId is not { } id)
        {
            Recent = await Jobs.ListRecentAsync(50, _disposed.Token);
            return;
        }
        Result = await Jobs.GetResultAsync(id, _disposed.Token);
        NotFound = Result is null;
        if (Result is { Status: var status } && !status.IsFinished())
        {
            _following = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
            _ = InvokeAsync(() => FollowAsync(id, _following.Token));
        }
    }

    /// <summary>Shows the running job's progress, reloading its items as they finish, until it ends.</summary>
    private async Task FollowAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var done = -1;
            await foreach (var progress in Jobs.WatchAsync(id, cancellationToken))
            {
                Progress = progress;
                if (progress.Done != done || progress.IsFinished)
                {
                    done = progress.Done;
                    Result = await Jobs.GetResultAsync(id, cancellationToken) ?? Result;
                }
                StateHasChanged();
            }
            Result = await Jobs.GetResultAsync(id, cancellationToken) ?? Result;
            StateHasChanged();
        }
        catch (OperationCanceledException)
        {
            // The page was left, or shows another job.
        }
    }

    /// <summary>Queues the failed items again (one, the store errors, or all) as a new job, and opens its page.</summary>
    private async Task RetryAsync(long? itemId, bool storeErrorsOnly = false)
    {
        if (Result is not { } result)
        {
            return;
        }
        Retrying = true;
        try
        {
            var job = await Jobs.RetryFailedAsync(result.JobId, itemId, _disposed.Token, storeErrorsOnly);
            Snackbar.Add($"{job.Subject()} queued.", Severity.Info);
            Navigation.NavigateTo($"jobs/{job.Id}");
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or ActionNotAllowedException)
        {
            Snackbar.Add(e.Message, Severity.Warning);
        }
        finally
        {
            Retrying = false;
        }
    }

    private static string Count(int n) => n == 1 ? "1 item" : $"{n} items";

    private static string OutcomeOf(JobItemResult item) => (item.Status, item.Failure) switch
    {
        (JobItemStatus.Failed, JobItemFailure.StoreError) => "Store error",
        (JobItemStatus.Failed, JobItemFailure.Refused) => "Refused",
        (JobItemStatus.Pending, _) when item.Attempts > 0 => "Waiting to retry",
        (var status, _) => status.ToString(),
    };

    private static Color ColorOf(JobItemResult item) => item.Status switch
    {
        JobItemStatus.Succeeded => Color.Success,
        JobItemStatus.Failed => item.Failure == JobItemFailure.StoreError ? Color.Warning : Color.Error,
        JobItemStatus.Skipped => Color.Default,
        _ => Color.Info,
    };

    public void Dispose()
    {
        _following?.Cancel();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
