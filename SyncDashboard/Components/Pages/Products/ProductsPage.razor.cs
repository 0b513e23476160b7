using SyncDashboard.Account;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SyncDashboard.Components.Shared;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Products;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Components.Pages.Products;

/// <summary>
/// The main page: one Source store's products from the mirror, a page at a time (ServerData),
/// filtered, searched and sorted in the database. Filter, search and page live in the URL.
/// The grid reloads itself when the Activity Log reports a change (webhooks, jobs, other tabs).
/// </summary>
public sealed partial class ProductsPage : IDisposable
{
    private const int DefaultPageSize = 25;

    /// <summary>The details and mapper dialogs: wide, with a close button, closed by Escape.</summary>
    private static readonly DialogOptions LargeDialog = new() { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true };
    private CancellationTokenSource? _reloadDebounce;
    private readonly CancellationTokenSource _disposed = new();

    [Inject] public required IProductQueryService Products { get; init; }
    [Inject] public required IStoreConnectionService Connections { get; init; }
    [Inject] public required IJobService Jobs { get; init; }
    [Inject] public required IActivityLog Activity { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }

    /// <summary>The signed-in user (their role decides which actions the page offers).</summary>
    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Authentication { get; set; }

    private SyncDashboard.Core.Users.DashboardActor? Actor { get; set; }

    private bool CanOperate => Actor?.CanOperate == true;

    // Numbers in the URL are read as text: a hand-edited or truncated link falls back to the defaults, never to an error page.
    [SupplyParameterFromQuery(Name = "store")] public string? StoreQuery { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? SearchQuery { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? PageQuery { get; set; }
    [SupplyParameterFromQuery(Name = "size")] public string? SizeQuery { get; set; }

    private MudDataGrid<ProductGridRow>? Grid { get; set; }
    private IReadOnlyList<StoreConnection> Sources { get; set; } = [];
    private int? StoreId { get; set; }
    private ProductStatusFilter Status { get; set; }
    private string? Search { get; set; }
    private int PageIndex { get; set; }
    private int PageSize { get; set; } = DefaultPageSize;
    private HashSet<ProductGridRow> Selected { get; set; } = new(RowComparer.Instance);
    private int SelectableMatchCount { get; set; }
    private bool Busy { get; set; }
    private OperationProgress? Progress { get; set; }
    private Guid? RunningJobId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Actor = await Authentication.ActorAsync();
        Sources = [.. (await Connections.ListAsync()).Where(c => c.Role == StoreRole.Source)];
        var store = Number(StoreQuery);
        StoreId = Sources.Any(s => s.Id == store) ? store : Sources.FirstOrDefault()?.Id;
        Status = Enum.TryParse<ProductStatusFilter>(StatusQuery, ignoreCase: true, out var status) ? status : ProductStatusFilter.All;
        Search = string.IsNullOrWhiteSpace(SearchQuery) ? null : SearchQuery;
        PageIndex = Math.Max(0, (Number(PageQuery) ?? 1) - 1);
        PageSize = Number(SizeQuery) is > 0 and <= ProductQueryService.MaxPageSize and var size ? size : DefaultPageSize;
        Activity.Changed += OnActivityChanged;
    }

    private static int? Number(string? query) =>
        int.TryParse(query, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The app bar's store switcher (or the browser's back button) changes the URL: follow it.</summary>
    protected override async Task OnParametersSetAsync()
    {
        if (Number(StoreQuery) is { } store && store != StoreId && Sources.Any(s => s.Id == store))
        {
            await OnStoreChangedAsync(store);
        }
    }

    private async Task<GridData<ProductGridRow>> LoadAsync(GridState<ProductGridRow> state, CancellationToken cancellationToken)
    {
        if (StoreId is not { } storeId)
        {
            return new GridData<ProductGridRow> { Items = [], TotalItems = 0 };
        }
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = Query(storeId) with
        {
            Page = state.Page,
            PageSize = state.PageSize,
            Sort = sort?.SortBy switch
            {
                nameof(ProductGridRow.Vendor) => ProductSort.Vendor,
                nameof(ProductGridRow.VariantCount) => ProductSort.VariantCount,
                nameof(ProductGridRow.TotalInventory) => ProductSort.Inventory,
                nameof(ProductGridRow.SyncState) => ProductSort.Status,
                nameof(ProductGridRow.LastSyncedAt) => ProductSort.LastSynced,
                _ => ProductSort.Title,
            },
            Descending = sort?.Descending ?? false,
        };
        var page = await Products.QueryAsync(query, cancellationToken);
        SelectableMatchCount = page.TotalCount;
        PageIndex = state.Page;
        PageSize = state.PageSize;
        UpdateUrl();
        return new GridData<ProductGridRow> { Items = page.Rows, TotalItems = page.TotalCount };
    }

    private ProductGridQuery Query(int storeId) => new() { StoreId = storeId, Status = Status, Search = Search, PageSize = PageSize };

    private async Task OnStoreChangedAsync(int? storeId)
    {
        StoreId = storeId;
        ClearSelection();
        await ReloadFromFirstPageAsync();
    }

    private async Task OnStatusChangedAsync(ProductStatusFilter status)
    {
        Status = status;
        await ReloadFromFirstPageAsync();
    }

    private async Task OnSearchChangedAsync(string? search)
    {
        Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        await ReloadFromFirstPageAsync();
    }

    private async Task ReloadFromFirstPageAsync()
    {
        PageIndex = 0;
        if (Grid is not null)
        {
            Grid.NavigateTo(Page.First);
            await Grid.ReloadServerData();
        }
    }

    private void UpdateUrl()
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["store"] = StoreId,
            ["status"] = Status == ProductStatusFilter.All ? null : Status.ToString().ToLowerInvariant(),
            ["q"] = Search,
            ["page"] = PageIndex == 0 ? null : PageIndex + 1,
            ["size"] = PageSize == DefaultPageSize ? null : PageSize,
        });
        if (uri != Navigation.Uri)
        {
            Navigation.NavigateTo(uri, new NavigationOptions { ReplaceHistoryEntry = true });
        }
    }

    private void OnSelectionChanged(HashSet<ProductGridRow> selected) => Selected = new HashSet<ProductGridRow>(selected, RowComparer.Instance);

    private void ClearSelection() => Selected = new HashSet<ProductGridRow>(RowComparer.Instance);

    /// <summary>Selects every product the filter and search match, not only this page.</summary>
    private async Task SelectAllMatchingAsync()
    {
        if (StoreId is not { } storeId)
        {
            return;
        }
        var ids = await Products.MatchingIdsAsync(Query(storeId));
        Selected = new HashSet<ProductGridRow>(ids.Select(IdOnly), RowComparer.Instance);
    }

    private async Task SyncSelectedAsync() =>
        await RunJobAsync(() => Jobs.StartBulkSyncAsync([.. Selected.Select(r => r.Id)]));

    /// <summary>Reconciles the selected linked products now (an unlinked one is synced).</summary>
    private async Task ResyncSelectedAsync() =>
        await RunJobAsync(() => Jobs.StartResyncAsync([.. Selected.Select(r => r.Id)]));

    /// <summary>Reconciles every linked product of the current Source now.</summary>
    private async Task ResyncSourceAsync()
    {
        if (StoreId is { } storeId)
        {
            await RunJobAsync(() => Jobs.StartResyncSourceAsync(storeId));
        }
    }

    private async Task CancelJobAsync()
    {
        if (RunningJobId is { } jobId && await Jobs.CancelAsync(jobId) && Progress is { } progress)
        {
            Progress = progress with { CancelRequested = true };
        }
    }

    private async Task UnsyncSelectedAsync(UnsyncMode mode)
    {
        if (Selected.Count > ProductSyncService.MaxUnsyncBatch)
        {
            await Dialogs.ShowMessageBoxAsync("Too many products",
                $"At most {ProductSyncService.MaxUnsyncBatch} products can be unsynced at once; {Selected.Count} are selected. " +
                "Nothing was changed: select fewer products and try again.", yesText: "OK");
            return;
        }
        if (mode == UnsyncMode.Delete)
        {
            // Only linked products have a Destination copy to delete; rows from "select all matching" carry only their id.
            var deleted = Selected.Any(IsIdOnly)
                ? $"up to {Selected.Count}"
                : Selected.Count(r => r.SyncState != SyncState.NotSynced).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var confirmed = await Dialogs.ShowMessageBoxAsync("Delete Destination products?",
                $"Unsync {Selected.Count} selected product{(Selected.Count == 1 ? "" : "s")} and delete {deleted} " +
                $"Destination product{(deleted == "1" ? "" : "s")}? This cannot be undone.",
                yesText: "Unsync & delete", cancelText: "Cancel");
            if (confirmed != true)
            {
                return;
            }
        }
        await RunJobAsync(() => Jobs.StartBulkUnsyncAsync([.. Selected.Select(r => r.Id)], mode));
    }

    /// <summary>Starts a persisted job, follows its progress live, then reports each failure with its reason.</summary>
    private async Task RunJobAsync(Func<Task<Job>> start)
    {
        Job job;
        try
        {
            job = await start();
        }
        catch (ArgumentException e)
        {
            Snackbar.Add(UserMessages.Of(e), Severity.Error);
            return;
        }
        catch (SyncDashboard.Core.Users.ActionNotAllowedException e)
        {
            Snackbar.Add(e.Message, Severity.Warning); // the role changed since the page was opened
            return;
        }
        ClearSelection();
        await FollowJobAsync(job);
    }

    /// <summary>
    /// A products job started before this page was opened (in another tab, before a reload, or resumed
    /// after a restart) is followed too: its progress, Cancel and its results.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || RunningJobId is not null)
        {
            return;
        }
        var running = (await Jobs.ListRecentAsync(cancellationToken: _disposed.Token))
            .FirstOrDefault(j => j.Kind is JobKind.BulkSync or JobKind.BulkUnsync or JobKind.Resync && j.Status is JobStatus.Queued or JobStatus.Running);
        if (running is not null && RunningJobId is null)
        {
            await FollowJobAsync(running);
        }
    }

    /// <summary>Follows a job's progress live until it ends, then reports each failure with its reason.</summary>
    private async Task FollowJobAsync(Job job)
    {
        Busy = true;
        RunningJobId = job.Id;
        var label = job.Kind.Describe();
        Progress = new OperationProgress(label, job.Total, job.Done, job.Succeeded, job.Failed, null, job.CancelRequested);
        StateHasChanged();
        try
        {
            await foreach (var progress in Jobs.WatchAsync(job.Id, _disposed.Token))
            {
                Progress = new OperationProgress(label, progress.Total, progress.Done, progress.Succeeded, progress.Failed, progress.Detail,
                    progress.CancelRequested);
                StateHasChanged();
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        var finished = await Jobs.GetAsync(job.Id);
        Busy = false;
        Progress = null;
        RunningJobId = null;
        if (finished is not null)
        {
            var failures = finished.Items.Where(i => i.Status == JobItemStatus.Failed).ToList();
            var skipped = finished.Items.Count(i => i.Status == JobItemStatus.Skipped);
            var jobPage = $"jobs/{finished.Id}";
            var storeErrors = failures.Count(f => f.Failure == JobItemFailure.StoreError);
            var refused = failures.Count(f => f.Failure == JobItemFailure.Refused);
            var why = storeErrors > 0 && refused > 0 ? $" ({refused} refused by the rules, {storeErrors} on store errors)"
                : storeErrors > 0 ? " on store errors" : "";
            Snackbar.Add($"{label} {finished.Status.ToString().ToLowerInvariant()}: {finished.Succeeded} succeeded, {finished.Failed} failed{why}" +
                (skipped > 0 ? $", {skipped} skipped." : "."),
                failures.Count == 0 && finished.Status == JobStatus.Completed ? Severity.Success : Severity.Warning, options =>
                {
                    if (failures.Count > 0)
                    {
                        // Every item's outcome, and Retry for the failed ones, on the job's page.
                        options.Action = "See each product";
                        options.ActionColor = Color.Inherit;
                        options.RequireInteraction = true;
                        options.OnClick = _ =>
                        {
                            Navigation.NavigateTo(jobPage);
                            return Task.CompletedTask;
                        };
                    }
                });
            foreach (var failure in failures.Take(5))
            {
                if (failure.MapCandidateId is { } candidate)
                {
                    // A Sync refused because the Destination already has the product: offer to map the two.
                    var sourceId = failure.SubjectId;
                    Snackbar.Add(failure.Message ?? "Failed.", Severity.Error, options =>
                    {
                        options.Action = "Map instead";
                        options.ActionColor = Color.Inherit;
                        options.RequireInteraction = true;
                        options.OnClick = _ => InvokeAsync(() => ShowMapperAsync(sourceId, candidate, null));
                    });
                }
                else
                {
                    Snackbar.Add(failure.Message ?? "Failed.", Severity.Error);
                }
            }
        }
        if (Grid is not null)
        {
            await Grid.ReloadServerData();
        }
        StateHasChanged(); // when followed from OnAfterRenderAsync, nothing else renders the page again
    }

    private async Task ShowDetailsAsync(ProductGridRow row)
    {
        var parameters = new DialogParameters<ProductDetailsDialog> { { d => d.ProductId, row.Id } };
        await Dialogs.ShowAsync<ProductDetailsDialog>(row.Title, parameters,
            LargeDialog);
    }

    private Task ShowMapperAsync(ProductGridRow row) => ShowMapperAsync(row.Id, null, row.Title);

    /// <summary>The Individual Mapper for a Source product, with a Destination product chosen already when one is known.</summary>
    private async Task ShowMapperAsync(long sourceProductId, long? destinationProductId, string? title)
    {
        var parameters = new DialogParameters<IndividualMapperDialog>
        {
            { d => d.SourceProductId, sourceProductId },
            { d => d.DestinationProductId, destinationProductId },
        };
        var dialog = await Dialogs.ShowAsync<IndividualMapperDialog>(title is null ? "Map" : $"Map \"{title}\"", parameters, LargeDialog);
        var result = await dialog.Result;
        if (result is { Canceled: false } && Grid is not null)
        {
            Snackbar.Add(title is null ? "Mapped: its stock is brought in step now." : $"Mapped \"{title}\": its stock is brought in step now.", Severity.Success);
            await Grid.ReloadServerData();
        }
    }

    /// <summary>"just now", "5 min ago", "3 h ago", or the date.</summary>
    internal static string Ago(DateTimeOffset at)
    {
        var age = DateTimeOffset.UtcNow - at;
        return age < TimeSpan.FromMinutes(1) ? "just now"
            : age < TimeSpan.FromHours(1) ? $"{(int)age.TotalMinutes} min ago"
            : age < TimeSpan.FromDays(1) ? $"{(int)age.TotalHours} h ago"
            : at.ToLocalTime().ToString("d", System.Globalization.CultureInfo.CurrentCulture);
    }

    /// <summary>Something changed elsewhere (webhook, job, another tab): reload the page shortly, once.</summary>
    private void OnActivityChanged()
    {
        _reloadDebounce?.Cancel();
        var debounce = _reloadDebounce = new CancellationTokenSource();
        _ = InvokeAsync(async () =>
        {
            try
            {
                await Task.Delay(500, debounce.Token);
                if (!Busy && Grid is not null)
                {
                    await Grid.ReloadServerData();
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    private static string FilterLabel(ProductStatusFilter filter) => filter switch
    {
        ProductStatusFilter.NotSynced => "Not synced",
        ProductStatusFilter.Problems => "Problems",
        ProductStatusFilter.OutOfStep => "Out of step",
        _ => filter.ToString(),
    };

    /// <summary>A selected product known only by its id (external id 0: every mirrored product has a store id).</summary>
    private static ProductGridRow IdOnly(long id) => new(id, 0, "", null, null, [], 0, 0, SyncState.NotSynced, SkuProblem.None, null);

    private static bool IsIdOnly(ProductGridRow row) => row.ExternalId == 0;

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        Activity.Changed -= OnActivityChanged;
        _reloadDebounce?.Cancel();
        _reloadDebounce?.Dispose();
    }

    /// <summary>Rows are the same product when their ids are (rows are reloaded, selections kept).</summary>
    private sealed class RowComparer : IEqualityComparer<ProductGridRow>
    {
        public static readonly RowComparer Instance = new();
        public bool Equals(ProductGridRow? x, ProductGridRow? y) => x?.Id == y?.Id;
        public int GetHashCode(ProductGridRow obj) => obj.Id.GetHashCode();
    }
}

/// <summary>Progress of a bulk operation the page runs.</summary>
/// <param name="Detail">What the job is doing inside its current item, when it says.</param>
public sealed record OperationProgress(string Label, int Total, int Done = 0, int Succeeded = 0, int Failed = 0, string? Detail = null,
    bool CancelRequested = false)
{
    public double Percent => Total == 0 ? 100 : 100.0 * Done / Total;

}
