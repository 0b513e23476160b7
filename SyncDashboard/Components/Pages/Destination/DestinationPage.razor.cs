using Microsoft.AspNetCore.Components;
using MudBlazor;
using SyncDashboard.Account;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Components.Shared;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Products;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Components.Pages.Destination;

/// <summary>
/// The Destination's catalogue in the grid the Products page uses: which Source product each product follows (synced or
/// mapped), those that follow none, and those sharing a SKU with another Destination product (which blocks mapping by SKU).
/// Map pairs a product that follows none with a Source product; Unsync ends a link, keeping or deleting this product.
/// Filter, search and page live in the URL; a change of filter adds a history entry.
/// </summary>
public sealed partial class DestinationPage : IDisposable
{
    private const int DefaultPageSize = 25;

    /// <summary>The filters that make sense on the Destination side.</summary>
    private static readonly ProductStatusFilter[] Filters =
        [ProductStatusFilter.All, ProductStatusFilter.NotSynced, ProductStatusFilter.Synced, ProductStatusFilter.Mapped, ProductStatusFilter.DuplicateSkus,
         ProductStatusFilter.OutOfStep];

    private static readonly DialogOptions LargeDialog = new() { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true };

    [Inject] public required IProductQueryService Products { get; init; }
    [Inject] public required IStoreConnectionService Connections { get; init; }
    [Inject] public required IJobService Jobs { get; init; }
    [Inject] public required IActivityLog Activity { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }

    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Authentication { get; set; }

    [SupplyParameterFromQuery(Name = ProductGridUrl.StatusParameter)] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = ProductGridUrl.SearchParameter)] public string? SearchQuery { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? PageQuery { get; set; }

    private SyncDashboard.Core.Users.DashboardActor? Actor { get; set; }
    private bool CanOperate => Actor?.CanOperate == true;
    private MudDataGrid<ProductGridRow>? Grid { get; set; }
    private StoreConnection? Destination { get; set; }
    private ProductStatusFilter Status { get; set; }
    private string? Search { get; set; }
    private int PageIndex { get; set; }
    private int PageSize { get; set; } = DefaultPageSize;
    private bool _pushHistory;
    private readonly ReloadDebounce _reloadDebounce = new(TimeSpan.FromMilliseconds(500));

    protected override async Task OnInitializedAsync()
    {
        Actor = await Authentication.ActorAsync();
        Destination = (await Connections.ListAsync()).FirstOrDefault(c => c.Role == StoreRole.Destination);
        ReadQuery();
        PageIndex = Math.Max(0, (int.TryParse(PageQuery, out var page) ? page : 1) - 1);
        Activity.Changed += OnActivityChanged;
    }

    private void ReadQuery()
    {
        Status = SyncDashboard.Core.EnumNames.TryParse<ProductStatusFilter>(StatusQuery, out var status) && Filters.Contains(status) ? status : ProductStatusFilter.All;
        Search = string.IsNullOrWhiteSpace(SearchQuery) ? null : SearchQuery.Trim();
    }

    /// <summary>Back and Forward: follow the URL's filter and search.</summary>
    protected override async Task OnParametersSetAsync()
    {
        if (Grid is null)
        {
            return;
        }
        var (status, search, pageIndex) = (Status, Search, PageIndex);
        ReadQuery();
        PageIndex = Math.Max(0, (int.TryParse(PageQuery, out var page) ? page : 1) - 1);
        if ((status, search) != (Status, Search) && pageIndex == PageIndex)
        {
            await ReloadAsync(); // a new page number reaches the grid as its CurrentPage, which reloads it
        }
    }

    private async Task<GridData<ProductGridRow>> LoadAsync(GridState<ProductGridRow> state, CancellationToken cancellationToken)
    {
        if (Destination is null)
        {
            return new GridData<ProductGridRow> { Items = [], TotalItems = 0 };
        }
        var query = new ProductGridQuery { StoreId = Destination.Id, Status = Status, Search = Search, Page = state.Page, PageSize = state.PageSize };
        var page = await Products.QueryAsync(query, cancellationToken);
        if (page.Rows.Count == 0 && page.TotalCount > 0 && state.Page > 0)
        {
            // A bookmark past the last page: the last page.
            query = query with { Page = (page.TotalCount - 1) / state.PageSize };
            page = await Products.QueryAsync(query, cancellationToken);
        }
        (PageIndex, PageSize) = (query.Page, state.PageSize);
        UpdateUrl();
        return new GridData<ProductGridRow> { Items = page.Rows, TotalItems = page.TotalCount };
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

    /// <summary>A new filter or search: back to the first page, with a history entry (Back undoes it).</summary>
    private async Task ReloadFromFirstPageAsync()
    {
        PageIndex = 0;
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
            [ProductGridUrl.StatusParameter] = ProductGridUrl.FormatStatus(Status),
            [ProductGridUrl.SearchParameter] = Search,
            ["page"] = PageIndex == 0 ? null : PageIndex + 1,
        }, addHistoryEntry: _pushHistory);
        _pushHistory = false;
    }

    /// <summary>The eye icon: the product's details with the Source it follows side by side, then the action chosen there.</summary>
    private async Task ShowDetailsAsync(ProductGridRow row)
    {
        var dialog = await Dialogs.ShowAsync<ProductDetailsDialog>(row.Title,
            new DialogParameters<ProductDetailsDialog> { { d => d.ProductId, row.Id }, { d => d.CanOperate, CanOperate } }, LargeDialog);
        switch (await dialog.Result)
        {
            case { Canceled: false, Data: ProductAction.Map }:
                await MapAsync(row);
                break;
            case { Canceled: false, Data: ProductAction.UnsyncKeep }:
                await UnsyncAsync(row, UnsyncMode.Keep);
                break;
            case { Canceled: false, Data: ProductAction.UnsyncDelete }:
                await UnsyncAsync(row, UnsyncMode.Delete);
                break;
            case { Canceled: false, Data: ProductAction.Resync } when row.LinkedTo is { MirroredId: { } sourceProductId }:
                await StartAsync(() => Jobs.StartResyncAsync([sourceProductId]), $"Resyncing \"{row.Title}\"");
                break;
        }
    }

    /// <summary>Map: choose the Source product (those sharing its SKUs first), then pair the variants in the Individual Mapper.</summary>
    private async Task MapAsync(ProductGridRow row)
    {
        var picker = await Dialogs.ShowAsync<SourcePickerDialog>($"Map \"{row.Title}\"",
            new DialogParameters<SourcePickerDialog> { { d => d.DestinationProduct, row } }, LargeDialog);
        if (await picker.Result is not { Canceled: false, Data: long sourceProductId })
        {
            return;
        }
        var mapper = await Dialogs.ShowAsync<IndividualMapperDialog>($"Map \"{row.Title}\"", new DialogParameters<IndividualMapperDialog>
        {
            { d => d.SourceProductId, sourceProductId },
            { d => d.DestinationProductId, row.Id },
        }, LargeDialog);
        if (await mapper.Result is { Canceled: false })
        {
            Snackbar.Add($"Mapped \"{row.Title}\": its stock follows the Source from now on.", Severity.Success);
            await ReloadAsync();
        }
    }

    /// <summary>Ends the link of one Destination product (through its Source product), keeping or deleting this product, after confirmation.</summary>
    private async Task UnsyncAsync(ProductGridRow row, UnsyncMode mode)
    {
        if (row.LinkedTo is not { MirroredId: { } sourceProductId } source)
        {
            return;
        }
        var delete = mode == UnsyncMode.Delete;
        var dialog = await Dialogs.ShowAsync<ConfirmProductsDialog>(delete ? "Delete this Destination product?" : "Unsync this product?",
            new DialogParameters<ConfirmProductsDialog>
            {
                { d => d.Heading, delete ? "Delete this Destination product?" : "Unsync this product?" },
                { d => d.What, delete
                    ? $"\"{row.Title}\" stops following \"{source.Title}\" ({source.StoreName}) and is deleted from the Destination. This cannot be undone."
                    : $"\"{row.Title}\" stops following \"{source.Title}\" ({source.StoreName}) and stays in the Destination as it is." },
                { d => d.Titles, [row.Title] },
                { d => d.ConfirmText, delete ? "Unsync & delete" : "Unsync & keep" },
                { d => d.ConfirmColor, delete ? Color.Error : Color.Primary },
            }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false })
        {
            return;
        }
        await StartAsync(() => Jobs.StartBulkUnsyncAsync([sourceProductId], mode), $"Unsyncing \"{row.Title}\"");
    }

    /// <summary>Starts a job for one product and says so, with the way to its page; a refusal is said in words.</summary>
    private async Task StartAsync(Func<Task<Job>> start, string doing)
    {
        try
        {
            var job = await start();
            Snackbar.Add($"{doing}: follow it on the job's page.", Severity.Info, options =>
            {
                options.Action = "Open the job";
                options.ActionColor = Color.Inherit;
                options.OnClick = _ =>
                {
                    Navigation.NavigateTo($"jobs/{job.Id}");
                    return Task.CompletedTask;
                };
            });
        }
        catch (ArgumentException e)
        {
            Snackbar.Add(UserMessages.Of(e), Severity.Warning);
        }
        catch (SyncDashboard.Core.Users.ActionNotAllowedException e)
        {
            Snackbar.Add(e.Message, Severity.Warning); // the role changed since the page was opened
        }
    }

    private async Task ReloadAsync()
    {
        if (Grid is not null)
        {
            await Grid.ReloadServerData();
        }
    }

    /// <summary>A link made or ended elsewhere (a job, a webhook, another tab): reload once things settle, once per burst.</summary>
    private void OnActivityChanged() => _reloadDebounce.Trigger(InvokeAsync, ReloadAsync);

    private static string FilterLabel(ProductStatusFilter filter) => filter switch
    {
        ProductStatusFilter.NotSynced => "Follows none",
        ProductStatusFilter.Synced => "Synced copies",
        ProductStatusFilter.Mapped => "Mapped",
        ProductStatusFilter.DuplicateSkus => "Sharing SKUs",
        ProductStatusFilter.OutOfStep => "Out of step",
        _ => "All",
    };

    public void Dispose()
    {
        Activity.Changed -= OnActivityChanged;
        _reloadDebounce.Dispose();
    }
}
