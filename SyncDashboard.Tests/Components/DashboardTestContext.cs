using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.DemoStores;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Products;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Tests.Components.Fakes;

namespace SyncDashboard.Tests.Components;

/// <summary>
/// The shared base of the component tests: MudBlazor's services, loose JS interop (MudBlazor's
/// own scripts do not run here), and a hand-written fake behind every core service the
/// dashboard's components use.
/// </summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    private IRenderedComponent<MudPopoverProvider>? _popoverHost;
    private IRenderedComponent<MudDialogProvider>? _dialogHost;

    protected DashboardTestContext()
    {
        Connector = new TestStoreConnector(Stores);
        LinkCheck = new TestLinkCheck(Products);
        // The whole suite (browser tests too) shares two cores in CI: wait generously for renders.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Services.AddScoped<SyncDashboard.Components.Pages.Products.ProductSelectionMemory>();
        Services.AddSingleton<IActivityLog>(Activity);
        Services.AddSingleton<IProductQueryService>(Products);
        Services.AddSingleton<ILinkCheck>(LinkCheck);
        Services.AddSingleton<ISettingsChangePreview>(SettingsPreview);
        Services.AddSingleton<IJobService>(Jobs);
        Services.AddSingleton<IIndividualMapper>(IndividualMapper);
        Services.AddSingleton<IStoreConnectionService>(Stores);
        Services.AddSingleton<IStoreConnector>(Connector);
        Services.AddSingleton<IStoreInstaller>(Installer);
        Services.AddSingleton<SyncDashboard.Core.Syncing.IStoreDisconnector>(new TestStoreDisconnector(Stores));
        Services.AddSingleton<IDemoConsole>(DemoConsole);
        Services.AddSingleton<IOptions<DemoStoresOptions>>(Options.Create(DemoStores));
        Services.AddSingleton<SyncDashboard.Core.Users.IUserAdministration>(Team);
        Services.AddSingleton<SyncDashboard.Core.Syncing.ISyncBacklog>(Backlog);
        Services.AddSingleton(TimeProvider.System);
        // Pages are shown to a signed-in Owner unless a test says otherwise.
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("owner");
        Authorization.SetRoles(SyncDashboard.Core.Users.DashboardRoles.Owner);
    }

    /// <summary>Who is signed in (bUnit's stand-in for the cookie's user).</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs in a user of <paramref name="role"/> instead of the Owner (named as the role, in lower case).</summary>
    protected void SignInAs(string role)
    {
        Authorization.SetAuthorized(role.ToLowerInvariant());
        Authorization.SetRoles(role);
    }

    protected TestActivityLog Activity { get; } = new();
    protected TestProductQueryService Products { get; } = new();
    protected TestLinkCheck LinkCheck { get; }
    protected TestJobService Jobs { get; } = new();
    protected TestSettingsChangePreview SettingsPreview { get; } = new();
    protected TestIndividualMapper IndividualMapper { get; } = new();
    protected TestStoreConnectionService Stores { get; } = new();
    protected TestStoreConnector Connector { get; }
    protected TestStoreInstaller Installer { get; } = new();
    protected TestDemoConsole DemoConsole { get; } = new();
    protected TestUserAdministration Team { get; } = new();
    protected TestSyncBacklog Backlog { get; } = new();
    protected DemoStoresOptions DemoStores { get; } = new() { Enabled = true };

    /// <summary>What MainLayout hosts: popovers (menus, selects, tooltips) and dialogs. Render before the component under test.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        _popoverHost = Render<MudPopoverProvider>();
        _dialogHost = Render<MudDialogProvider>();
        return _dialogHost;
    }

    /// <summary>The popover provider <see cref="RenderProviders"/> rendered: open menus and select lists render inside it.</summary>
    protected IRenderedComponent<MudPopoverProvider> PopoverHost => _popoverHost ?? throw new InvalidOperationException("Call RenderProviders first.");

    /// <summary>The dialog provider <see cref="RenderProviders"/> rendered: open dialogs and message boxes render inside it.</summary>
    protected IRenderedComponent<MudDialogProvider> DialogHost => _dialogHost ?? throw new InvalidOperationException("Call RenderProviders first.");

    /// <summary>The text of the open dialogs (empty when none is open).</summary>
    protected string DialogText() => string.Join(" ", DialogHost.FindAll(".mud-dialog").Select(d => d.TextContent));

    /// <summary>Clicks the open dialog's button with this text.</summary>
    protected void ClickDialogButton(string text) =>
        DialogHost.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text).Click();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services are only asynchronously disposable: xunit awaits this before it calls Dispose.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>The messages of the snackbars shown so far.</summary>
    protected IReadOnlyList<string> Snackbars =>
        [.. Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message?.ToString() ?? "")];
}
