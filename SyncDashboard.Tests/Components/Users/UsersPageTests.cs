using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;
using SyncDashboard.Components.Layout;
using SyncDashboard.Components.Pages.Users;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Tests.Components.Users;

/// <summary>
/// The Users page as the Owner uses it, over a fake of <see cref="IUserAdministration"/>: the grid of the
/// team, inviting with a role (the link shown once), role changes and disabling confirmed in their
/// dialogs, enabling and reset links; the Owner's own row offers nothing. Only the Owner is led there.
/// </summary>
public sealed class UsersPageTests : DashboardTestContext
{
    public UsersPageTests() => Team.AddTeam();

    private IRenderedComponent<UsersPage> RenderUsers()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/users");
        RenderProviders();
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=users-grid] tbody tr").Count));
        return page;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<UsersPage> page, string userName) =>
        page.FindAll("[data-testid=users-grid] tbody tr").Single(r => r.QuerySelector("[data-testid=user-row-name]")?.TextContent == userName);

    [Theory]
    [InlineData(DashboardRoles.Owner, true)]
    [InlineData(DashboardRoles.Operator, false)]
    [InlineData(DashboardRoles.Viewer, false)]
    public void OnlyTheOwnerIsLedToTheUsersPage(string role, bool led)
    {
        SignInAs(role);

        var menu = Render<NavMenu>();

        Assert.Equal(led, menu.FindAll(".mud-navmenu a").Any(a => a.GetAttribute("href") == "users"));
        // Every page needs a signed-in user; this one an Owner too: others get the not-allowed message (the router, and /account/denied).
        var roles = typeof(UsersPage).GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Roles).Where(r => r is not null);
        Assert.Equal([DashboardRoles.Owner], roles);
    }

    [Fact]
    public void TheGridShowsEveryUsersRoleCreationDisablingAndLockoutAndNoActionOnTheOwnersOwnRow()
    {
        var page = RenderUsers();

        var names = page.FindAll("[data-testid=user-row-name]").Select(n => n.TextContent).ToList();
        Assert.Equal(["owner", "olga", "vera", "leo"], names);
        Assert.Equal(["Owner", "Operator", "Viewer", "Operator"], page.FindAll("[data-testid=user-role]").Select(r => r.TextContent.Trim()));
        var own = Row(page, "owner");
        Assert.Contains("you", own.TextContent);
        Assert.Empty(own.QuerySelectorAll("[data-testid=change-role], [data-testid=disable-user], [data-testid=reset-password]"));
        Assert.Contains("your profile", own.TextContent);
        Assert.NotEqual("—", Row(page, "vera").QuerySelector("[data-testid=user-disabled]")!.TextContent);
        Assert.NotNull(Row(page, "vera").QuerySelector("[data-testid=enable-user]"));
        Assert.Null(Row(page, "vera").QuerySelector("[data-testid=disable-user]"));
        Assert.NotEqual("—", Row(page, "leo").QuerySelector("[data-testid=user-locked-out]")!.TextContent);
        Assert.Equal("—", Row(page, "olga").QuerySelector("[data-testid=user-locked-out]")!.TextContent);
        Assert.NotNull(Row(page, "olga").QuerySelector("[data-testid=disable-user]"));
    }

    [Fact]
    public void InvitingShowsTheLinkOfTheChosenRoleOnceToCopy()
    {
        var page = RenderUsers();
        var select = page.FindComponent<MudSelect<string>>();
        Assert.Equal(DashboardRoles.Viewer, select.Instance.GetState(s => s.Value)); // the least trusted unless the Owner chooses

        page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(DashboardRoles.Operator));
        page.WaitForAssertion(() => Assert.Equal(DashboardRoles.WhatItMay(DashboardRoles.Operator), page.Find("[data-testid=invite-role-means]").TextContent));
        page.Find("[data-testid=invite]").Click();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/account/link?token=token-1", page.Find("[data-testid=issued-link]").TextContent));
        Assert.Equal(["invite Operator"], Team.Calls);
        Assert.Contains("Send this link to the person you invite as Operator.", page.Find("[data-testid=issued-link-panel]").TextContent);
        page.Find("[data-testid=copy-link]").Click();
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText" && (string?)i.Arguments[0] == "http://localhost/account/link?token=token-1");

        page.Find("[data-testid=issued-link-panel] button[aria-label]").Click(); // closed: gone for good
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=issued-link]")));
    }

    [Fact]
    public void ARoleChangeIsChosenAndConfirmedInItsDialog()
    {
        var page = RenderUsers();

        Row(page, "olga").QuerySelector("[data-testid=change-role]")!.Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("olga is Operator now.", DialogText()));
        Assert.True(DialogHost.Find("[data-testid=confirm-role]").HasAttribute("disabled")); // the same role is no change
        Assert.Contains(DashboardRoles.WhatItMay(DashboardRoles.Viewer), DialogText());
        var group = DialogHost.FindComponent<MudRadioGroup<string>>();
        DialogHost.InvokeAsync(() => group.Instance.ValueChanged.InvokeAsync(DashboardRoles.Viewer));
        DialogHost.WaitForAssertion(() => Assert.Equal("Make Viewer", DialogHost.Find("[data-testid=confirm-role]").TextContent.Trim()));
        DialogHost.Find("[data-testid=confirm-role]").Click();

        page.WaitForAssertion(() => Assert.Equal("Viewer", Row(page, "olga").QuerySelector("[data-testid=user-role]")!.TextContent.Trim()));
        Assert.Equal(["role olga Viewer"], Team.Calls);
        Assert.Contains("User \"olga\" is now Viewer.", Snackbars);
    }

    [Fact]
    public void CancellingTheDialogsChangesNothing()
    {
        var page = RenderUsers();

        Row(page, "olga").QuerySelector("[data-testid=change-role]")!.Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("olga is Operator now.", DialogText()));
        ClickDialogButton("Cancel");
        DialogHost.WaitForAssertion(() => Assert.Empty(DialogHost.FindAll(".mud-dialog")));
        Row(page, "olga").QuerySelector("[data-testid=disable-user]")!.Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("olga can no longer sign in, and their open pages close within a minute.", DialogText()));
        ClickDialogButton("Cancel");
        DialogHost.WaitForAssertion(() => Assert.Empty(DialogHost.FindAll(".mud-dialog")));

        Assert.Empty(Team.Calls);
    }

    [Fact]
    public void DisablingIsConfirmedFirstAndEnablingIsOneClick()
    {
        var page = RenderUsers();

        Row(page, "olga").QuerySelector("[data-testid=disable-user]")!.Click();
        DialogHost.WaitForElement("[data-testid=confirm-disable]").Click();
        page.WaitForAssertion(() => Assert.NotNull(Row(page, "olga").QuerySelector("[data-testid=enable-user]")));
        Assert.NotEqual("—", Row(page, "olga").QuerySelector("[data-testid=user-disabled]")!.TextContent);
        Row(page, "vera").QuerySelector("[data-testid=enable-user]")!.Click();
        page.WaitForAssertion(() => Assert.NotNull(Row(page, "vera").QuerySelector("[data-testid=disable-user]")));

        Assert.Equal(["disable olga", "enable vera"], Team.Calls);
        Assert.Equal(["User \"olga\" was disabled.", "User \"vera\" was enabled."], Snackbars);
    }

    [Fact]
    public void AResetLinkIsShownOnceAndARefusalIsToldAsTheServiceSaysIt()
    {
        var page = RenderUsers();

        Row(page, "leo").QuerySelector("[data-testid=reset-password]")!.Click();
        page.WaitForAssertion(() => Assert.Equal("http://localhost/account/link?token=token-1", page.Find("[data-testid=issued-link]").TextContent));
        Assert.Contains("Send this link to \"leo\".", page.Find("[data-testid=issued-link-panel]").TextContent);
        Team.Refusal = SyncDashboard.Core.Users.UserAdministration.LastOwner;
        Row(page, "olga").QuerySelector("[data-testid=disable-user]")!.Click();
        DialogHost.WaitForElement("[data-testid=confirm-disable]").Click();

        page.WaitForAssertion(() => Assert.Contains(SyncDashboard.Core.Users.UserAdministration.LastOwner, Snackbars));
        Assert.Null(Row(page, "olga").QuerySelector("[data-testid=enable-user]"));
        Assert.Equal(["reset leo", "disable olga"], Team.Calls);
    }

    [Fact]
    public void OpenLinksAreListedAndOneIsRevoked()
    {
        Team.OpenLinks.Add(new OpenLinkSummary(7, AccountLinkPurpose.Invite, "Invitation as Viewer", "owner", DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(55)));
        Team.OpenLinks.Add(new OpenLinkSummary(8, AccountLinkPurpose.PasswordReset, "Password reset of olga", "owner", DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(58)));
        var page = RenderUsers();

        Assert.Equal(["Invitation as Viewer", "Password reset of olga"], page.FindAll("[data-testid=open-link-for]").Select(e => e.TextContent));
        page.InvokeAsync(() => page.FindAll("[data-testid=revoke-link]")[0].Click());

        page.WaitForAssertion(() => Assert.Equal(["Password reset of olga"], page.FindAll("[data-testid=open-link-for]").Select(e => e.TextContent)));
        Assert.Contains("revoke 7", Team.Calls);
        Assert.Contains("Invitation as Viewer revoked: the link no longer works.", Snackbars);
    }
}
