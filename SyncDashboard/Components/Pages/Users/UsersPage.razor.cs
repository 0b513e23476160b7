using SyncDashboard.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Components.Pages.Users;

/// <summary>
/// The Owner's page of the team (<c>/users</c>; other roles get the not-allowed message): every user with
/// their role, when they were created, disabled or locked out; inviting someone with a role, changing a
/// role, disabling and enabling, and password reset links. One-time links are shown once, to copy. The
/// page shows the Owner's own row without actions (the service refuses them too: nobody demotes or
/// disables themselves, and the last enabled Owner stays). Everything goes through
/// <see cref="IUserAdministration"/>, which demands the Owner and records each change.
/// </summary>
public sealed partial class UsersPage
{
    [Inject] public required IUserAdministration Administration { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }

    [CascadingParameter] public Task<AuthenticationState>? Authentication { get; set; }

    /// <summary>The users, once loaded (null while loading).</summary>
    private IReadOnlyList<UserSummary>? Users { get; set; }

    /// <summary>The role the next invitation gives (the least trusted unless the Owner chooses).</summary>
    private string InviteRole { get; set; } = DashboardRoles.Viewer;

    /// <summary>The one-time link just made, shown until closed (never again).</summary>
    private IssuedLink? Issued { get; set; }

    /// <summary>An action is running: the buttons wait for it.</summary>
    private bool Busy { get; set; }

    private string? SignedInAs { get; set; }

    protected override async Task OnInitializedAsync()
    {
        SignedInAs = (await Authentication.ActorAsync())?.UserName;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Users = await Administration.ListAsync();
        OpenLinks = await Administration.ListOpenLinksAsync();
    }

    /// <summary>Invitations and reset links not used yet, each revocable.</summary>
    private IReadOnlyList<OpenLinkSummary> OpenLinks { get; set; } = [];

    private Task RevokeAsync(OpenLinkSummary link) => RunAsync(async () => Show(await Administration.RevokeLinkAsync(link.Id)));

    private bool IsSelf(UserSummary user) => string.Equals(user.UserName, SignedInAs, StringComparison.OrdinalIgnoreCase);

    private Task InviteAsync() => RunAsync(async () =>
    {
        var result = await Administration.InviteAsync(InviteRole);
        Show(result);
    });

    private async Task ChangeRoleAsync(UserSummary user)
    {
        var parameters = new DialogParameters<ChangeRoleDialog> { { d => d.UserName, user.UserName }, { d => d.CurrentRole, user.Role } };
        var dialog = await Dialogs.ShowAsync<ChangeRoleDialog>($"Change the role of {user.UserName}", parameters);
        if (await dialog.Result is { Canceled: false, Data: string role })
        {
            await RunAsync(async () => Show(await Administration.ChangeRoleAsync(user.Id, role)));
        }
    }

    private async Task DisableAsync(UserSummary user)
    {
        var parameters = new DialogParameters<DisableUserDialog> { { d => d.UserName, user.UserName } };
        var dialog = await Dialogs.ShowAsync<DisableUserDialog>($"Disable {user.UserName}?", parameters);
        if (await dialog.Result is { Canceled: false })
        {
            await RunAsync(async () => Show(await Administration.DisableAsync(user.Id)));
        }
    }

    private Task EnableAsync(UserSummary user) => RunAsync(async () => Show(await Administration.EnableAsync(user.Id)));

    private Task ResetPasswordAsync(UserSummary user) => RunAsync(async () => Show(await Administration.ResetPasswordAsync(user.Id)));

    /// <summary>Runs one action at a time, then shows the users as they are now.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        if (Busy)
        {
            return;
        }
        Busy = true;
        try
        {
            await action();
            await LoadAsync();
        }
        catch (ActionNotAllowedException e)
        {
            Snackbar.Add(e.Message, Severity.Error); // the Owner's role changed since the page opened
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>A change's outcome in a snackbar; a new link in the panel, to copy.</summary>
    private void Show(UserAdministrationResult result)
    {
        if (result.LinkPath is { } path)
        {
            Issued = new IssuedLink(result.Message, Navigation.ToAbsoluteUri(path).AbsoluteUri, result.LinkExpiresAt);
            return;
        }
        Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Warning);
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", Issued!.Url);
            Snackbar.Add("The link is copied.", Severity.Info);
        }
        catch (JSException)
        {
            // The clipboard needs a secure context (HTTPS or loopback): the link stays on the page to copy by hand.
            Snackbar.Add("The browser did not let the page copy: select the link and copy it.", Severity.Warning);
        }
    }

    internal static string When(DateTimeOffset? at) => at is { } value ? value.ToLocalTime().ToString("g") : "—";

    internal static Color RoleColor(string role) => role switch
    {
        DashboardRoles.Owner => Color.Primary,
        DashboardRoles.Operator => Color.Secondary,
        _ => Color.Default,
    };

    /// <summary>A one-time link made on this page: what to do with it, the whole address, and until when it works.</summary>
    private sealed record IssuedLink(string Message, string Url, DateTimeOffset? ExpiresAt);
}
