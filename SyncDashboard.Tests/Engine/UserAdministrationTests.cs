using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Users;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// The Owner's administration of the team on the real app (<see cref="IUserAdministration"/>): only the
/// Owner may do any of it; the last enabled Owner stays, and no Owner demotes or disables themselves;
/// invitations and reset links work once; disabling ends sign-in and open sessions; every change is in
/// the Activity Log as the acting Owner's.
/// </summary>
public sealed class UserAdministrationTests() : EngineTestBase(StoreApi.GraphQL)
{
    private const string NewPassword = "a new and much longer password";

    private static DashboardActor As(string name, string role) => new(name, new HashSet<string> { role });

    private IUserAdministration Admin => Get<IUserAdministration>();

    private void ActAs(string name, string role) => Get<DashboardActors>().Current = As(name, role);

    /// <summary>Runs <paramref name="use"/> with scoped services (Identity's user manager, <see cref="UserAccounts"/>), as one request does.</summary>
    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Dashboard.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="use"/> on the user named <paramref name="name"/>, as saved now, with Identity's user manager.</summary>
    private Task<T> WithUserAsync<T>(string name, Func<UserManager<DashboardUser>, DashboardUser, Task<T>> use) =>
        InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<DashboardUser>>();
            return await use(users, (await users.FindByNameAsync(name))!);
        });

    private Task<DashboardUser> UserAsync(string name) => WithUserAsync(name, (_, user) => Task.FromResult(user));

    private Task<IList<string>> RolesAsync(string name) => WithUserAsync(name, (users, user) => users.GetRolesAsync(user));

    /// <summary>The team most tests start from: alice, the Owner, and olga, an Operator (returned).</summary>
    private async Task<DashboardUser> AliceAndOlgaAsync()
    {
        await Dashboard.CreateUserAsync("alice");
        return await Dashboard.CreateUserAsync("olga", DashboardRoles.Operator);
    }

    private const string SignedIn = "signed in";

    /// <summary>Signs in through the sign-in form: <see cref="SignedIn"/>, or the page that refused, with its message.</summary>
    private async Task<string> SignInAsync(string name, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Dashboard.BaseUrl };
        using var answer = await DashboardApp.PostSignInAsync(http, name, password);
        return answer.StatusCode == HttpStatusCode.Redirect ? SignedIn : await answer.Content.ReadAsStringAsync();
    }

    /// <summary>Whether <paramref name="session"/> still holds now, as the web app checks every open page every minute.</summary>
    private Task<bool> SessionHoldsAsync(System.Security.Claims.ClaimsPrincipal session) =>
        InScopeAsync(sp => sp.GetRequiredService<UserAccounts>().IsSessionValidAsync(session));

    /// <summary>A session of <paramref name="name"/> signed in now (the principal the sign-in cookie carries).</summary>
    private Task<System.Security.Claims.ClaimsPrincipal> SessionOfAsync(string name) =>
        InScopeAsync(async sp => await sp.GetRequiredService<IUserClaimsPrincipalFactory<DashboardUser>>().CreateAsync(await UserAsync(name)));

    private async Task<IReadOnlyList<ActivityEntry>> UserEntriesAsync() =>
        (await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Users, PageSize = 100 })).Entries;

    /// <summary>Each (who, message) is an entry of the Activity Log's Users kind.</summary>
    private async Task AssertLoggedAsync(params (string User, string Message)[] expected)
    {
        var entries = await UserEntriesAsync();
        Assert.All(expected, e => Assert.Contains(entries, entry => entry.User == e.User && entry.Message == e.Message));
    }

    [Theory]
    [InlineData(DashboardRoles.Operator)]
    [InlineData(DashboardRoles.Viewer)]
    public async Task ANonOwnerIsRefusedEveryAdministrationActionAndNothingChanges(string role)
    {
        var olga = await AliceAndOlgaAsync();
        ActAs("someone", role);
        var entriesBefore = (await UserEntriesAsync()).Count;

        var refusals = new[]
        {
            await Assert.ThrowsAsync<ActionNotAllowedException>(() => Admin.ListAsync()),
            await Assert.ThrowsAsync<ActionNotAllowedException>(() => Admin.InviteAsync(DashboardRoles.Owner)),
            await Assert.ThrowsAsync<ActionNotAllowedException>(() => Admin.ChangeRoleAsync(olga.Id, DashboardRoles.Owner)),
            await Assert.ThrowsAsync<ActionNotAllowedException>(() => Admin.DisableAsync(olga.Id)),
            await Assert.ThrowsAsync<ActionNotAllowedException>(() => Admin.EnableAsync(olga.Id)),
            await Assert.ThrowsAsync<ActionNotAllowedException>(() => Admin.ResetPasswordAsync(olga.Id)),
            await Assert.ThrowsAsync<ActionNotAllowedException>(() => Admin.ListOpenLinksAsync()),
            await Assert.ThrowsAsync<ActionNotAllowedException>(() => Admin.RevokeLinkAsync(1)),
        };

        Assert.Equal($"Your role ({role}) does not allow you to invite users: ask the Owner.", refusals[1].Message);
        Assert.Equal([DashboardRoles.Operator], await RolesAsync("olga"));
        Assert.Null((await UserAsync("olga")).DisabledAt);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.AccountLinks.CountAsync(l => l.Purpose != AccountLinkPurpose.Setup && l.CreatedBy != "tests"));
        Assert.Equal(entriesBefore, (await UserEntriesAsync()).Count);
    }

    [Fact]
    public async Task TheLastEnabledOwnerCannotBeDemotedOrDisabledAndNoOwnerDemotesOrDisablesThemselves()
    {
        var alice = await Dashboard.CreateUserAsync("alice");
        var bob = await Dashboard.CreateUserAsync("bob");
        ActAs("alice", DashboardRoles.Owner);

        var ownRole = await Admin.ChangeRoleAsync(alice.Id, DashboardRoles.Operator);
        var ownDisable = await Admin.DisableAsync(alice.Id);
        Assert.False(ownRole.Succeeded);
        Assert.Equal("You cannot change your own role: another Owner can.", ownRole.Message);
        Assert.False(ownDisable.Succeeded);
        Assert.Equal("You cannot disable yourself: another Owner can.", ownDisable.Message);

        // With bob disabled, alice is the last enabled Owner: nobody (not even the dashboard itself) may demote or disable her.
        Assert.True((await Admin.DisableAsync(bob.Id)).Succeeded);
        Get<DashboardActors>().Current = null;
        var demoted = await Admin.ChangeRoleAsync(alice.Id, DashboardRoles.Viewer);
        var disabled = await Admin.DisableAsync(alice.Id);
        Assert.Equal(UserAdministration.LastOwner, demoted.Message);
        Assert.Equal(UserAdministration.LastOwner, disabled.Message);
        Assert.Equal([DashboardRoles.Owner], await RolesAsync("alice"));
        Assert.Null((await UserAsync("alice")).DisabledAt);

        // Another enabled Owner makes it possible; a demoted Owner has exactly the one new role.
        Assert.True((await Admin.EnableAsync(bob.Id)).Succeeded);
        ActAs("bob", DashboardRoles.Owner);
        var changed = await Admin.ChangeRoleAsync(alice.Id, DashboardRoles.Viewer);
        Assert.True(changed.Succeeded, changed.Message);
        Assert.Equal([DashboardRoles.Viewer], await RolesAsync("alice"));
        Get<DashboardActors>().Current = null;
        Assert.Equal(UserAdministration.LastOwner, (await Admin.ChangeRoleAsync(bob.Id, DashboardRoles.Operator)).Message); // bob is the last Owner now
        var entries = await UserEntriesAsync();
        Assert.Contains(entries, e => e.User == "bob" && e.Message == "User \"alice\" is now Viewer (was Owner): their open pages ask them to sign in again within a minute.");
        Assert.Contains(entries, e => e.User == "alice" && e.Severity == ActivitySeverity.Warning && e.Message.StartsWith("User \"bob\" was disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARoleChangeGivesExactlyTheNewRoleAndEndsTheUsersOpenSessions()
    {
        var olga = await AliceAndOlgaAsync();
        var session = await SessionOfAsync("olga");
        Assert.True(await SessionHoldsAsync(session));
        ActAs("alice", DashboardRoles.Owner);

        var same = await Admin.ChangeRoleAsync(olga.Id, DashboardRoles.Operator);
        var notARole = await Admin.ChangeRoleAsync(olga.Id, "Admin");
        var changed = await Admin.ChangeRoleAsync(olga.Id, DashboardRoles.Viewer);

        Assert.Equal("\"olga\" is Operator already.", same.Message);
        Assert.Equal("\"Admin\" is not a role: choose Owner, Operator, Viewer.", notARole.Message);
        Assert.True(changed.Succeeded);
        Assert.Equal([DashboardRoles.Viewer], await RolesAsync("olga"));
        Assert.False(await SessionHoldsAsync(session));
        var listed = Assert.Single(await Admin.ListAsync(), u => u.UserName == "olga");
        Assert.Equal(DashboardRoles.Viewer, listed.Role);
    }

    [Fact]
    public async Task AnInvitationDiesWithItsMakersRightsWhenTheyAreDisabled()
    {
        await Dashboard.CreateUserAsync("alice");
        await Dashboard.CreateUserAsync("olivia");
        var olivia = (await Admin.ListAsync()).Single(u => u.UserName == "olivia");
        ActAs("olivia", DashboardRoles.Owner);
        var invitation = await Admin.InviteAsync(DashboardRoles.Owner);
        ActAs("alice", DashboardRoles.Owner);
        await Admin.DisableAsync(olivia.Id);
        Get<DashboardActors>().Current = null;

        var used = await InScopeAsync(sp => sp.GetRequiredService<UserAccounts>().CreateFromLinkAsync(invitation.LinkToken, "backdoor", DashboardApp.TestPassword));

        Assert.Equal(UserAccounts.LinkUnusable, used.Message);
        ActAs("alice", DashboardRoles.Owner);
        Assert.DoesNotContain(await Admin.ListAsync(), u => u.UserName == "backdoor");
    }

    [Fact]
    public async Task OpenLinksAreListedWithoutTheirTokensAndARevokedOneNoLongerWorks()
    {
        var olga = await AliceAndOlgaAsync();
        ActAs("alice", DashboardRoles.Owner);
        var invitation = await Admin.InviteAsync(DashboardRoles.Viewer);
        var reset = await Admin.ResetPasswordAsync(olga.Id);

        var open = await Admin.ListOpenLinksAsync();
        Assert.Equal(["Password reset of olga", "Invitation as Viewer"], open.Select(l => l.For));
        Assert.All(open, l => Assert.Equal("alice", l.CreatedBy));
        var revoked = await Admin.RevokeLinkAsync(open.Single(l => l.Purpose == AccountLinkPurpose.Invite).Id);
        var twice = await Admin.RevokeLinkAsync(open.Single(l => l.Purpose == AccountLinkPurpose.Invite).Id);
        Get<DashboardActors>().Current = null;
        var used = await InScopeAsync(sp => sp.GetRequiredService<UserAccounts>().CreateFromLinkAsync(invitation.LinkToken, "victor", DashboardApp.TestPassword));
        ActAs("alice", DashboardRoles.Owner);

        Assert.Equal("Invitation as Viewer revoked: the link no longer works.", revoked.Message);
        Assert.False(twice.Succeeded);
        Assert.Equal(UserAccounts.LinkUnusable, used.Message);
        Assert.Equal(["Password reset of olga"], (await Admin.ListOpenLinksAsync()).Select(l => l.For));
        Assert.NotNull(reset.LinkToken);
        await AssertLoggedAsync(("alice", "Invitation as Viewer (made by alice) was revoked: the link no longer works."));
    }

    [Fact]
    public async Task AnInvitationLinkCreatesTheUserWithTheChosenRoleOnce()
    {
        await Dashboard.CreateUserAsync("alice");
        ActAs("alice", DashboardRoles.Owner);

        var invitation = await Admin.InviteAsync(DashboardRoles.Operator);
        Get<DashboardActors>().Current = null; // the invitee opens the link: nobody is signed in
        var asSystem = await InScopeAsync(sp => sp.GetRequiredService<UserAccounts>().CreateFromLinkAsync(invitation.LinkToken, "system", DashboardApp.TestPassword));
        var created = await InScopeAsync(sp => sp.GetRequiredService<UserAccounts>().CreateFromLinkAsync(invitation.LinkToken, "olga", DashboardApp.TestPassword));
        var again = await InScopeAsync(sp => sp.GetRequiredService<UserAccounts>().CreateFromLinkAsync(invitation.LinkToken, "oscar", DashboardApp.TestPassword));

        Assert.True(invitation.Succeeded);
        // "System" names the dashboard's own work in the Activity Log: no user may pass for it (the link stays usable).
        Assert.Equal("\"System\" is how the Activity Log names what the dashboard does by itself; choose another user name.", asSystem.Message);
        Assert.Equal($"account/link?token={invitation.LinkToken}", invitation.LinkPath);
        Assert.InRange(invitation.LinkExpiresAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
        Assert.True(created.Succeeded, created.Message);
        Assert.Equal("Welcome, olga: you are an Operator.", created.Message);
        Assert.Equal([DashboardRoles.Operator], await RolesAsync("olga"));
        Assert.Equal(UserAccounts.LinkUnusable, again.Message);
        ActAs("alice", DashboardRoles.Owner);
        Assert.Equal(["alice", "olga"], (await Admin.ListAsync()).Select(u => u.UserName));
        await AssertLoggedAsync(
            ("alice", "An invitation as Operator was made: it works once, within an hour."),
            ("olga", "User \"olga\" was created as Operator from an invitation by alice."));
    }

    [Fact]
    public async Task AResetLinkSetsANewPasswordOnceEndsTheLockoutAndTheOldPasswordStopsWorking()
    {
        var olga = await AliceAndOlgaAsync();
        Assert.True(await WithUserAsync("olga", async (users, user) =>
        {
            for (var i = 0; i < 5; i++)
            {
                await users.AccessFailedAsync(user);
            }
            return await users.IsLockedOutAsync(user);
        }));
        var session = await SessionOfAsync("olga");
        ActAs("alice", DashboardRoles.Owner);
        Assert.NotNull(Assert.Single(await Admin.ListAsync(), u => u.UserName == "olga").LockedOutUntil);

        var reset = await Admin.ResetPasswordAsync(olga.Id);
        Get<DashboardActors>().Current = null;
        Task<AccountResult> ResetWithAsync(string password) =>
            InScopeAsync(sp => sp.GetRequiredService<UserAccounts>().ResetPasswordFromLinkAsync(reset.LinkToken, password));
        var asInvitation = await InScopeAsync(sp => sp.GetRequiredService<UserAccounts>().CreateFromLinkAsync(reset.LinkToken, "mallory", DashboardApp.TestPassword));
        var tooShort = await ResetWithAsync("too short");
        var done = await ResetWithAsync(NewPassword);
        var again = await ResetWithAsync("yet another long password");

        Assert.True(reset.Succeeded);
        Assert.Equal(UserAccounts.LinkUnusable, asInvitation.Message); // a reset link creates nobody
        Assert.False(tooShort.Succeeded);
        Assert.Contains("at least 12 characters", tooShort.Message);
        Assert.True(done.Succeeded, done.Message);
        Assert.Equal(UserAccounts.LinkUnusable, again.Message);
        Assert.False(await SessionHoldsAsync(session)); // the security stamp changed
        Assert.Equal((false, true, false, 0), await WithUserAsync("olga", async (users, user) => (
            await users.CheckPasswordAsync(user, DashboardApp.TestPassword),
            await users.CheckPasswordAsync(user, NewPassword),
            await users.IsLockedOutAsync(user),
            await users.GetAccessFailedCountAsync(user))));
        Assert.Contains("The user name or the password is wrong.", await SignInAsync("olga", DashboardApp.TestPassword));
        Assert.Equal(SignedIn, await SignInAsync("olga", NewPassword));
        await AssertLoggedAsync(
            ("alice", "A password reset link for \"olga\" was made: it works once, within an hour."),
            ("olga", "User \"olga\" chose a new password with a reset link from alice."));
    }

    [Fact]
    public async Task DisablingEndsSignInAndOpenSessionsAndEnablingLetsTheUserBackIn()
    {
        var olga = await AliceAndOlgaAsync();
        var session = await SessionOfAsync("olga");
        ActAs("alice", DashboardRoles.Owner);

        var disabled = await Admin.DisableAsync(olga.Id);

        Assert.True(disabled.Succeeded);
        Assert.False(await SessionHoldsAsync(session));
        Assert.NotNull(Assert.Single(await Admin.ListAsync(), u => u.UserName == "olga").DisabledAt);
        Assert.Contains("This user is disabled. Ask the Owner to enable it again.", await SignInAsync("olga", DashboardApp.TestPassword));

        Assert.True((await Admin.EnableAsync(olga.Id)).Succeeded);
        Assert.Equal(SignedIn, await SignInAsync("olga", DashboardApp.TestPassword));
        var entries = await UserEntriesAsync();
        Assert.Contains(entries, e => e.User == "alice" && e.Severity == ActivitySeverity.Warning
            && e.Message == "User \"olga\" was disabled: they cannot sign in, and their open pages close within a minute.");
        Assert.Contains(entries, e => e.User == "alice" && e.Message == "User \"olga\" was enabled: they can sign in again.");
    }
}
