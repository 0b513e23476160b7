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
    private readonly ReloadDebounce _reloadDebounce = new(TimeSpan.FromMilliseconds(500));
    private readonly CancellationTokenSource _disposed = new();

    [Inject] public required IProductQueryService Products { get; init; }
    [Inject] public required IStoreConnectionService Connections { get; init; }
    [Inject] public required IJobService Jobs { get; init; }
    [Inject] public required IActivityLog Activity { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }

    /// <summary>The selection kept while the merchant is on other pages of the dashboard (this browser tab's circuit).</summary>
    [Inject] public required ProductSelectionMemory SelectionMemory { get; init; }

    /// <summary>The signed-in user (their role decides which actions the page offers).</summary>
    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Authentication { get; set; }

    private SyncDashboard.Core.Users.DashboardActor? Actor { get; set; }

    private bool CanOperate => Actor?.CanOperate == true;

    // Numbers in the URL are read as text: a hand-edited or truncated link falls back to the defaults, never to an error page.
    [SupplyParameterFromQuery(Name = ProductGridUrl.StoreParameter)] public string? StoreQuery { get; set; }
    [SupplyParameterFromQuery(Name = ProductGridUrl.StatusParameter)] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = ProductGridUrl.SearchParameter)] public string? SearchQuery { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? PageQuery { get; set; }
    [SupplyParameterFromQuery(Name = "size")] public string? SizeQuery { get; set; }

    /// <summary>The sort: a column's name (title, vendor, variants, inventory, status, synced), "-" in front for descending.</summary>
    [SupplyParameterFromQuery(Name = ProductGridUrl.SortParameter)] public string? SortQuery { get; set; }

    /// <summary>The switcher's value for "All Sources" (store ids start at 1).</summary>
    private const int AllSourcesValue = 0;

    private MudDataGrid<ProductGridRow>? Grid { get; set; }
    private IReadOnlyList<StoreConnection> Sources { get; set; } = [];
    private int? StoreId { get; set; }

    /// <summary>Every Source's products at once (search across all Sources).</summary>
    private bool AllSources { get; set; }
    private int? SwitcherValue => AllSources ? AllSourcesValue : StoreId;
    private ProductStatusFilter Status { get; set; }
    private string? Search { get; set; }
    private int PageIndex { get; set; }
    private int PageSize { get; set; } = DefaultPageSize;
    private ProductSort Sort { get; set; } = ProductSort.Title;
    private bool Descending { get; set; }
    private HashSet<ProductGridRow> Selected { get; set; } = new(RowComparer.Instance);

    /// <summary>Whether the selection is every product the filter matched when "Select all N matching" was chosen, unchanged since.</summary>
    private bool AllMatchingSelected { get; set; }
    private IReadOnlyList<ProductGridRow> CurrentRows { get; set; } = [];
    private int SelectableMatchCount { get; set; }
    private bool PageAllSelected => CurrentRows.Count > 0 && CurrentRows.All(Selected.Contains);
    private int SelectedOffPage => Selected.Count - CurrentRows.Count(Selected.Contains);

    /// <summary>Set by a change of filter, search or store: the next URL update adds a history entry (Back undoes it) instead of replacing.</summary>
    private bool _pushHistory;

    /// <summary>The page the URL asked for while the grid, sorted anew, reloads on its former page (see <see cref="LoadAsync"/>).</summary>
    private int? _pageFromUrl;
    private bool Busy { get; set; }
    private OperationProgress? Progress { get; set; }
    private Guid? RunningJobId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Actor = await Authentication.ActorAsync();
        // The first configured Source first: the default when the URL names none.
        Sources = [.. (await Connections.ListAsync()).Where(c => c.Role == StoreRole.Source).OrderBy(c => c.Id)];
        ReadQuery();
        PageIndex = Math.Max(0, (Number(PageQuery) ?? 1) - 1);
        PageSize = Number(SizeQuery) is > 0 and <= ProductQueryService.MaxPageSize and var size ? size : DefaultPageSize;
        await ClampPageAsync();
        (Selected, AllMatchingSelected) = (new HashSet<ProductGridRow>(SelectionMemory.Selected, RowComparer.Instance), SelectionMemory.AllMatching);
        Activity.Changed += OnActivityChanged;
    }

    /// <summary>Store, filter, search and sort from the URL; anything unknown falls back to the defaults.</summary>
    private void ReadQuery()
    {
        AllSources = string.Equals(StoreQuery, ProductGridUrl.AllSources, StringComparison.OrdinalIgnoreCase) && Sources.Count > 1;
        var store = Number(StoreQuery);
        StoreId = Sources.Any(s => s.Id == store) ? store : Sources.FirstOrDefault()?.Id;
        Status = SyncDashboard.Core.EnumNames.TryParse<ProductStatusFilter>(StatusQuery, out var status) ? status : ProductStatusFilter.All;
        Search = string.IsNullOrWhiteSpace(SearchQuery) ? null : SearchQuery.Trim();
        ProductGridUrl.TryParseSort(SortQuery, out var sort, out var descending); // an unknown sort reads as the default
        (Sort, Descending) = (sort, descending);
    }

    /// <summary>A bookmark past the last page (the catalogue shrank) opens the last page instead of an empty grid.</summary>
    private async Task ClampPageAsync()
    {
        if (PageIndex == 0 || StoreId is null)
        {
            return;
        }
        var total = (await Products.QueryAsync(Query() with { PageSize = 1 })).TotalCount;
        PageIndex = Math.Min(PageIndex, Math.Max(0, (total - 1) / PageSize));
    }

    private static int? Number(string? query) =>
        int.TryParse(query, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>
    /// The URL changed from outside the page (Back, Forward, a link): follow its store, filter, search, sort and page, adding
    /// no history entry of its own (Back to a filtered page 7 shows that page 7).
    /// </summary>
    protected override async Task OnParametersSetAsync()
    {
        if (Grid is null)
        {
            return; // the first load reads the URL in OnInitializedAsync
        }
        var (allSources, storeId, status, search, sort, descending, pageIndex) = (AllSources, StoreId, Status, Search, Sort, Descending, PageIndex);
        ReadQuery();
        PageIndex = Math.Max(0, (Number(PageQuery) ?? 1) - 1);
        if ((sort, descending) != (Sort, Descending))
        {
            // The grid reloads at once on its former page; the URL's page reaches it as its CurrentPage on the next render.
            _pageFromUrl = PageIndex;
            await Grid.SetSortAsync(SortField(Sort), Descending ? SortDirection.Descending : SortDirection.Ascending, SortFunc(Sort));
        }
        else if ((allSources, storeId, status, search) != (AllSources, StoreId, Status, Search) && pageIndex == PageIndex)
        {
            AllMatchingSelected = false;
            await Grid.ReloadServerData(); // a new page number reaches the grid as its CurrentPage, which reloads it
        }
    }

    private async Task<GridData<ProductGridRow>> LoadAsync(GridState<ProductGridRow> state, CancellationToken cancellationToken)
    {
        if (StoreId is null)
        {
            return new GridData<ProductGridRow> { Items = [], TotalItems = 0 };
        }
        var pageFromUrl = _pageFromUrl;
        _pageFromUrl = null;
        if (pageFromUrl is { } wanted && wanted != state.Page)
        {
            // A load on the grid's former page while the URL asks for another (Back to a page of another sort): the grid
            // is about to move to the URL's page and load it; keep the rows shown and the URL until then.
            return new GridData<ProductGridRow> { Items = CurrentRows, TotalItems = SelectableMatchCount };
        }
        if (state.SortDefinitions.FirstOrDefault() is { } sort)
        {
            (Sort, Descending) = (SortOf(sort.SortBy), sort.Descending);
        }
        else
        {
            (Sort, Descending) = (ProductSort.Title, false);
        }
        var query = Query() with { Page = state.Page, PageSize = state.PageSize };
        var page = await Products.QueryAsync(query, cancellationToken);
        SelectableMatchCount = page.TotalCount;
        CurrentRows = page.Rows;
        PageIndex = state.Page;
        PageSize = state.PageSize;
        UpdateUrl();
        _ = InvokeAsync(StateHasChanged); // the selection's lines above the grid depend on the rows it now shows
        return new GridData<ProductGridRow> { Items = page.Rows, TotalItems = page.TotalCount };
    }

    private ProductGridQuery Query() => new()
    {
        StoreId = AllSources ? null : StoreId,
        Status = Status,
        Search = Search,
        Sort = Sort,
        Descending = Descending,
        PageSize = PageSize,
    };

    private async Task OnStoreChangedAsync(int? value)
    {
        AllSources = value == AllSourcesValue;
        StoreId = AllSources ? StoreId : value;
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

    /// <summary>A new filter, search or store: back to the first page, with a history entry. The selection stays.</summary>
    private async Task ReloadFromFirstPageAsync()
    {
        PageIndex = 0;
        AllMatchingSelected = false; // "all matching" meant the former filter
        _pushHistory = true;
        if (Grid is not null)
        {
            Grid.NavigateTo(Page.First);
            await Grid.ReloadServerData();
        }
    }

    private void UpdateUrl()
    {
        Navigation.Write(new Dictionary<string, object?>
        {
            [ProductGridUrl.StoreParameter] = AllSources ? ProductGridUrl.AllSources : StoreId,
            [ProductGridUrl.StatusParameter] = ProductGridUrl.FormatStatus(Status),
            [ProductGridUrl.SearchParameter] = Search,
            [ProductGridUrl.SortParameter] = ProductGridUrl.FormatSort(Sort, Descending),
            ["page"] = PageIndex == 0 ? null : PageIndex + 1,
            ["size"] = PageSize == DefaultPageSize ? null : PageSize,
        }, addHistoryEntry: _pushHistory);
        _pushHistory = false;
    }

    /// <summary>The grid's name of a sorted column (its property's name).</summary>
    private static string SortField(ProductSort sort) => sort switch
    {
        ProductSort.Vendor => nameof(ProductGridRow.Vendor),
        ProductSort.VariantCount => nameof(ProductGridRow.VariantCount),
        ProductSort.Inventory => nameof(ProductGridRow.TotalInventory),
        ProductSort.Status => nameof(ProductGridRow.SyncState),
        ProductSort.LastSynced => nameof(ProductGridRow.LastSyncedAt),
        _ => nameof(ProductGridRow.Title),
    };

    private static ProductSort SortOf(string? field) =>
        ProductGridUrl.SortNames.Keys.FirstOrDefault(s => SortField(s) == field, ProductSort.Title);

    private static Func<ProductGridRow, object> SortFunc(ProductSort sort) => sort switch
    {
        ProductSort.Vendor => r => r.Vendor ?? "",
        ProductSort.VariantCount => r => r.VariantCount,
        ProductSort.Inventory => r => r.TotalInventory,
        ProductSort.Status => r => r.SyncState,
        ProductSort.LastSynced => r => r.LastSyncedAt ?? DateTimeOffset.MinValue,
        _ => r => r.Title,
    };

    /// <summary>The column's sort direction when the page opens (from the URL's <c>sort</c>).</summary>
    private SortDirection Initial(ProductSort column) =>
        column != Sort || (Sort == ProductSort.Title && !Descending) ? SortDirection.None
        : Descending ? SortDirection.Descending : SortDirection.Ascending;

    /// <summary>The CSV export of what the grid shows, every page of it: its store (or All Sources), status, search and sort.</summary>
    private string? ExportHref => StoreId is null ? null : SyncDashboard.Export.ExportLinks.Products(Query());

    private string SourceName(int storeId) => Sources.FirstOrDefault(s => s.Id == storeId)?.Name ?? "";

    private void OnSelectionChanged(HashSet<ProductGridRow> selected)
    {
        AllMatchingSelected &= selected.Count == Selected.Count && selected.SetEquals(Selected);
        Selected = new HashSet<ProductGridRow>(selected, RowComparer.Instance);
    }

    private void ClearSelection()
    {
        Selected = new HashSet<ProductGridRow>(RowComparer.Instance);
        AllMatchingSelected = false;
    }

    /// <summary>Selects every product the filter and search match, not only this page, each known by its title for the confirmation.</summary>
    private async Task SelectAllMatchingAsync()
    {
        if (StoreId is null)
        {
            return;
        }
        var matching = await Products.MatchingAsync(Query());
        Selected = new HashSet<ProductGridRow>(matching.Select(Named), RowComparer.Instance);
        AllMatchingSelected = true;
    }

    /// <summary>The selected products' titles in a stable order: this page's first, in the grid's order, then the rest by title.</summary>
    private IReadOnlyList<string> Titles(IReadOnlyCollection<ProductGridRow> rows) =>
        [.. CurrentRows.Where(rows.Contains)
            .Concat(rows.Except(CurrentRows, RowComparer.Instance).OrderBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase))
            .Select(r => r.Title)];

    /// <summary>Asks before a bulk action, listing what it touches; true when the merchant confirms.</summary>
    private async Task<bool> ConfirmAsync(string heading, string what, string confirmText, IReadOnlyList<string> titles, Color color = Color.Primary)
    {
        var dialog = await Dialogs.ShowAsync<ConfirmProductsDialog>(heading, new DialogParameters<ConfirmProductsDialog>
        {
            { d => d.Heading, heading },
            { d => d.What, what },
            { d => d.Titles, titles },
            { d => d.ConfirmText, confirmText },
            { d => d.ConfirmColor, color },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        return await dialog.Result is { Canceled: false };
    }

    /// <summary>A bulk Sync larger than one Unsync batch asks first (it creates that many Destination products).</summary>
    public const int SyncConfirmationThreshold = ProductSyncService.MaxUnsyncBatch;

    private async Task SyncSelectedAsync()
    {
        if (Selected.Count > SyncConfirmationThreshold &&
            !await ConfirmAsync($"Sync {Selected.Count} products?",
                $"Sync creates a Destination product for each of the {Selected.Count} selected products that is not linked yet.", "Sync", Titles(Selected)))
        {
            return;
        }
        await RunJobAsync(() => Jobs.StartBulkSyncAsync([.. Selected.Select(r => r.Id)]));
    }

    /// <summary>Reconciles the selected linked products now (an unlinked one is synced).</summary>
    private async Task ResyncSelectedAsync() =>
        await RunJobAsync(() => Jobs.StartResyncAsync([.. Selected.Select(r => r.Id)]));

    /// <summary>Reconciles every linked product of the current Source now.</summary>
    private async Task ResyncSourceAsync()
    {
        if (StoreId is { } storeId && !AllSources)
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

    private Task UnsyncSelectedAsync(UnsyncMode mode) => UnsyncAsync(Selected, mode);

    /// <summary>Unsyncs products after naming them (at most one batch: a larger selection is refused before anything runs).</summary>
    private async Task UnsyncAsync(IReadOnlyCollection<ProductGridRow> rows, UnsyncMode mode)
    {
        if (rows.Count > ProductSyncService.MaxUnsyncBatch)
        {
            await Dialogs.ShowMessageBoxAsync("Too many products",
                $"At most {ProductSyncService.MaxUnsyncBatch} products can be unsynced at once; {rows.Count} are selected. " +
                "Nothing was changed: select fewer products and try again.", yesText: "OK");
            return;
        }
        var count = rows.Count;
        var products = $"{count} product{(count == 1 ? "" : "s")}";
        if (mode == UnsyncMode.Delete)
        {
            // Only linked products have a Destination copy to delete.
            var deleted = rows.Count(r => r.SyncState != SyncState.NotSynced);
            if (!await ConfirmAsync("Delete Destination products?",
                    $"Unsync {products} and delete {deleted} Destination product{(deleted == 1 ? "" : "s")}? This cannot be undone.",
                    "Unsync & delete", Titles(rows), Color.Error))
            {
                return;
            }
        }
        else if (!await ConfirmAsync($"Unsync {products}?",
                     $"Unsync {products}: their Destination products stay, and no longer follow the Source.", "Unsync & keep", Titles(rows)))
        {
            return;
        }
        await RunJobAsync(() => Jobs.StartBulkUnsyncAsync([.. rows.Select(r => r.Id)], mode));
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
            if (failures.Count > 0 && await Jobs.GetResultAsync(finished.Id) is { } result)
            {
                ReportFailures(result, finished, jobPage);
            }
        }
        if (Grid is not null)
        {
            await Grid.ReloadServerData();
        }
        StateHasChanged(); // when followed from OnAfterRenderAsync, nothing else renders the page again
    }

    /// <summary>How many reasons get a message of their own; the job's page lists the rest.</summary>
    private const int ReasonsShown = 3;

    /// <summary>
    /// One message per reason, naming its products ("Linen Shirt, Wool Beanie, Canvas Tote and 4 more: The variant has
    /// no SKU."), each leading to the job's page where every product is listed; a Sync refused because the Destination has
    /// the product already offers to map the two instead.
    /// </summary>
    private void ReportFailures(JobResult result, Job finished, string jobPage)
    {
        var groups = JobFailureGroup.Of(result.Items);
        foreach (var group in groups.Take(ReasonsShown))
        {
            var candidate = group.Items.Count == 1
                ? finished.Items.FirstOrDefault(i => i.Id == group.Items[0].ItemId)?.MapCandidateId
                : null;
            var sourceId = group.Items[0].SubjectId;
            Snackbar.Add(group.Text, Severity.Error, options =>
            {
                options.RequireInteraction = true;
                options.ActionColor = Color.Inherit;
                if (candidate is { } destinationId)
                {
                    options.Action = "Map instead";
                    options.OnClick = _ => InvokeAsync(() => ShowMapperAsync(sourceId, destinationId, null));
                }
                else
                {
                    options.Action = "See each product";
                    options.OnClick = _ =>
                    {
                        Navigation.NavigateTo(jobPage);
                        return Task.CompletedTask;
                    };
                }
            }, key: $"{finished.Id}:{group.Reason}");
        }
        if (groups.Count > ReasonsShown)
        {
            Snackbar.Add($"{groups.Count - ReasonsShown} more reason{(groups.Count - ReasonsShown == 1 ? "" : "s")} on the job's page.", Severity.Error,
                options => options.RequireInteraction = true, key: $"{finished.Id}:more");
        }
    }

    /// <summary>The eye icon: the product's details, then whatever action the merchant chose there, run as from the grid.</summary>
    private async Task ShowDetailsAsync(ProductGridRow row)
    {
        var parameters = new DialogParameters<ProductDetailsDialog> { { d => d.ProductId, row.Id }, { d => d.CanOperate, CanOperate && !Busy } };
        var dialog = await Dialogs.ShowAsync<ProductDetailsDialog>(row.Title, parameters, LargeDialog);
        if (await dialog.Result is not { Canceled: false, Data: ProductAction action })
        {
            return;
        }
        switch (action)
        {
            case ProductAction.Sync:
                await RunJobAsync(() => Jobs.StartBulkSyncAsync([row.Id]));
                break;
            case ProductAction.Map:
                await ShowMapperAsync(row);
                break;
            case ProductAction.Resync:
                await RunJobAsync(() => Jobs.StartResyncAsync([row.Id]));
                break;
            case ProductAction.UnsyncKeep or ProductAction.UnsyncDelete:
                await UnsyncAsync([row], action == ProductAction.UnsyncDelete ? UnsyncMode.Delete : UnsyncMode.Keep);
                break;
        }
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
    private void OnActivityChanged() => _reloadDebounce.Trigger(InvokeAsync, async () =>
    {
        if (!Busy && Grid is not null)
        {
            await Grid.ReloadServerData();
        }
    });

    private static string FilterLabel(ProductStatusFilter filter) => filter switch
    {
        ProductStatusFilter.NotSynced => "Not synced",
        ProductStatusFilter.Problems => "Problems",
        ProductStatusFilter.OutOfStep => "Out of step",
        ProductStatusFilter.DuplicateSkus => "Duplicate SKUs",
        _ => filter.ToString(),
    };

    /// <summary>A selected product that may be on no page shown: its id, title and sync state, what the confirmation needs.</summary>
    private static ProductGridRow Named(ProductSelectionItem item) => new(item.Id, 0, item.Title, null, null, [], 0, 0, item.SyncState, SkuProblem.None, null);

    public void Dispose()
    {
        SelectionMemory.Keep(Selected, AllMatchingSelected);
        _disposed.Cancel();
        _disposed.Dispose();
        Activity.Changed -= OnActivityChanged;
        _reloadDebounce.Dispose();
    }

    /// <summary>Rows are the same product when their ids are (rows are reloaded, selections kept across pages and searches).</summary>
    internal sealed class RowComparer : IEqualityComparer<ProductGridRow>
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
