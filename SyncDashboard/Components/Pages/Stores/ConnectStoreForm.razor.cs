using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Components.Pages.Stores;

/// <summary>
/// The form that connects a Source store, in one of three ways (<see cref="StoreCredentialKind"/>):
/// <list type="bullet">
/// <item>client id and secret (stores of the merchant's own organisation): tested, then connected;</item>
/// <item>install link (stores of other merchants): a link to the store's install page, which the store's
/// owner approves; the store then sends them back to the dashboard, which connects it;</item>
/// <item>access token and webhook secret (apps made in a store admin before 2026): tested, then connected.</item>
/// </list>
/// Missing or malformed fields are shown under each field (the core's own rules:
/// <see cref="NewStoreConnection.Validate"/>, <see cref="NewStoreInstall.Validate"/>) before anything is sent.
/// Secrets are never shown again once typed (password fields).
/// </summary>
public sealed partial class ConnectStoreForm
{
    [Inject] public required IStoreConnector Connector { get; init; }
    [Inject] public required IStoreInstaller Installer { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>Raised after a store was connected (the page reloads its list).</summary>
    [Parameter] public EventCallback OnConnected { get; set; }

    private StoreCredentialKind Kind { get; set; } = StoreCredentialKind.ClientCredentials;
    private string? NewName { get; set; }
    private string? NewUrl { get; set; }
    private string? NewToken { get; set; }
    private string? NewSecret { get; set; }
    private string? NewClientId { get; set; }
    private string? NewClientSecret { get; set; }
    private StoreApi NewApi { get; set; } = StoreApi.GraphQL;
    private long? NewLocation { get; set; }
    private bool Working { get; set; }

    /// <summary>What the form is doing while <see cref="Working"/>, said beside a spinner (a store may take up to its time limit to answer).</summary>
    private string? Doing { get; set; }

    /// <summary>Why the fields as last submitted cannot be used (shown under each field until the next submit).</summary>
    private IReadOnlyList<InputProblem> Problems { get; set; } = [];

    private ConnectionTestResult? Test { get; set; }

    /// <summary>The store the last test was about; a test says nothing of a store whose details were edited since.</summary>
    private NewStoreConnection? Tested { get; set; }

    /// <summary>The last test's result while the details are still those it tested (null otherwise: test again).</summary>
    private ConnectionTestResult? CurrentTest => Tested is { } tested && tested == Request() with { LocationId = null } ? Test : null;

    private InstallLinkResult? Link { get; set; }

    /// <summary>The install the last link was made for.</summary>
    private NewStoreInstall? Linked { get; set; }

    /// <summary>The last link (or refusal) while the details are still those it was made for.</summary>
    private InstallLinkResult? CurrentLink => Linked is { } linked && linked == Install() ? Link : null;

    private string Help => Kind switch
    {
        StoreCredentialKind.ClientCredentials =>
            "For stores of your own organisation: the client id and secret of the app you made in Shopify's Dev Dashboard and installed on the store. " +
            "SyncDashboard asks the store for a token with them (tokens last 24 hours and are renewed by themselves).",
        StoreCredentialKind.AuthorizationCode =>
            "For stores of other merchants: SyncDashboard makes a link to the store's install page for your app. Its owner opens it and approves; " +
            "the store then sends them back here and the store is connected.",
        _ => "Only for apps made in a store's admin before 2026 (such apps can no longer be made): their Admin API access token (shpat_...), and as the webhook secret their API secret key (it signs their webhooks).",
    };

    private string? ProblemOf(string field) => Problems.FirstOrDefault(p => p.Field == field)?.Message;

    private void ChooseKind(StoreCredentialKind kind)
    {
        Kind = kind;
        Problems = [];
    }

    private NewStoreConnection Request() => Kind == StoreCredentialKind.AccessToken
        ? new NewStoreConnection(NewName ?? "", StoreRole.Source, NewUrl ?? "", NewToken ?? "", NewSecret ?? "", NewLocation, Api: NewApi)
        : NewStoreConnection.WithClientCredentials(NewName ?? "", StoreRole.Source, NewUrl ?? "", NewClientId ?? "", NewClientSecret ?? "", NewApi)
            with { LocationId = NewLocation };

    private NewStoreInstall Install() => new(NewName ?? "", StoreRole.Source, NewUrl ?? "", NewClientId ?? "", NewClientSecret ?? "", NewApi);

    private async Task TestAsync()
    {
        Test = null; // no earlier answer shown while this test runs
        Tested = Request() with { LocationId = null };
        Problems = Tested.Validate();
        if (Problems.Count > 0)
        {
            Tested = null;
            return;
        }
        Working = true;
        Doing = $"Reaching {Tested.Name} at {Tested.BaseUrl}: a store that does not answer is given up on within 5 seconds…";
        try
        {
            Test = await Connector.TestAsync(Tested);
            NewLocation = null; // a Source counts all its locations unless the merchant picks one
        }
        finally
        {
            Working = false;
            Doing = null;
        }
    }

    private async Task ConnectAsync()
    {
        Working = true;
        Doing = "Connecting: reading its locations and subscribing to its webhooks…";
        (StoreConnection? Connection, string Message) result;
        try
        {
            result = await Connector.ConnectAsync(Request());
        }
        finally
        {
            Working = false;
            Doing = null;
        }
        Snackbar.Add(result.Message, result.Connection is null ? Severity.Error : Severity.Success);
        if (result.Connection is not null)
        {
            NewName = NewUrl = NewToken = NewSecret = NewClientId = NewClientSecret = null;
            Test = null;
            Tested = null;
            await OnConnected.InvokeAsync();
        }
    }

    private async Task CreateLinkAsync()
    {
        var install = Install();
        Problems = install.Validate();
        if (Problems.Count > 0)
        {
            Link = null;
            return;
        }
        Working = true;
        try
        {
            Link = await Installer.CreateLinkAsync(install);
            Linked = install;
        }
        finally
        {
            Working = false;
            Doing = null;
        }
    }

    private async Task CopyLinkAsync()
    {
        if (CurrentLink?.Link is not { } link)
        {
            return;
        }
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", link.AbsoluteUri);
            Snackbar.Add("Copied the install link.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not let the page copy: select the link and copy it.", Severity.Warning);
        }
    }
}
