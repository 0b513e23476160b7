using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Users;

/// <summary>
/// The Owner's administration of the team (the issue "Sign-in, roles and who did what"): only the
/// Owner may list, invite, change roles, disable, enable and reset passwords
/// (<see cref="DashboardActors.DemandOwner"/>). Each user has exactly one role. The acting Owner cannot
/// change their own role or disable themselves, and there always remains at least one enabled Owner:
/// changes are made one at a time (the dashboard is one process), so two Owners demoting each other
/// at once cannot both succeed. A role change or a disabling changes the user's security stamp, which
/// ends their open sessions within a minute (the web app re-checks every minute). Every change is in
/// the Activity Log (<see cref="ActivityKind.Users"/>), with the acting Owner's name.
/// </summary>
/// <remarks>
/// A singleton for the pages and the tests alike: each call takes Identity's <see cref="UserManager{TUser}"/>
/// from a scope of its own, so nothing is cached between calls (a Blazor circuit lives for hours).
/// </remarks>
public sealed class UserAdministration(
    IServiceScopeFactory scopes,
    IDbContextFactory<SyncDbContext> dbFactory,
    AccountLinks links,
    DashboardActors actors,
    ActivityLog activity,
    TimeProvider time) : IUserAdministration
{
    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <summary>Refusal: the change would leave nobody who can administer the dashboard.</summary>
    public const string LastOwner = "There must always remain at least one enabled Owner: make another user Owner first.";

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("see the team's users");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.UserName, u.CreatedAt, u.DisabledAt, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. users
            .Select(u => new UserSummary(u.Id, u.UserName ?? "", RoleOf(roles.Where(r => r.UserId == u.Id).Select(r => r.Name)), u.CreatedAt, u.DisabledAt,
                u.LockoutEnd > now ? u.LockoutEnd : null))
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.UserName, StringComparer.Ordinal)];
    }

    public async Task<UserAdministrationResult> InviteAsync(string role, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("invite users");
        if (!DashboardRoles.All.Contains(role))
        {
            return UserAdministrationResult.Refused(NotARole(role));
        }
        var expiresAt = time.GetUtcNow() + AccountLinks.Lifetime;
        var token = await links.CreateAsync(AccountLinkPurpose.Invite, role, null, ActorName, cancellationToken);
        await activity.RecordAsync(ActivityKind.Users, ActivitySeverity.Info, $"An invitation as {role} was made: it works once, within an hour.",
            cancellationToken: cancellationToken);
        return new UserAdministrationResult(true,
            $"Send this link to the person you invite as {role}: it works once, within an hour, and is shown only now.", token, expiresAt);
    }

    public async Task<IReadOnlyList<OpenLinkSummary>> ListOpenLinksAsync(CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("see the open invitations");
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.AccountLinks.AsNoTracking()
            .Where(l => l.UsedAt == null && l.Purpose != AccountLinkPurpose.Setup)
            .ToListAsync(cancellationToken);
        var userIds = open.Where(l => l.UserId != null).Select(l => l.UserId!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", cancellationToken);
        return [.. open.Where(l => l.ExpiresAt > now).OrderByDescending(l => l.CreatedAt).Select(l => new OpenLinkSummary(l.Id, l.Purpose,
            l.Purpose == AccountLinkPurpose.Invite ? $"Invitation as {l.Role}" : $"Password reset of {names.GetValueOrDefault(l.UserId ?? "", "a removed user")}",
            l.CreatedBy, l.CreatedAt, l.ExpiresAt))];
    }

    public async Task<UserAdministrationResult> RevokeLinkAsync(int linkId, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("revoke invitations");
        var link = (await ListOpenLinksAsync(cancellationToken)).FirstOrDefault(l => l.Id == linkId);
        if (link is null || !await links.TryUseAsync(linkId, cancellationToken))
        {
            return UserAdministrationResult.Refused("That link was used or has expired already: there is nothing to revoke.");
        }
        await activity.RecordAsync(ActivityKind.Users, ActivitySeverity.Info, $"{link.For} (made by {link.CreatedBy}) was revoked: the link no longer works.",
            cancellationToken: cancellationToken);
        return new UserAdministrationResult(true, $"{link.For} revoked: the link no longer works.");
    }

    public async Task<UserAdministrationResult> ChangeRoleAsync(string userId, string role, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("change users' roles");
        if (!DashboardRoles.All.Contains(role))
        {
            return UserAdministrationResult.Refused(NotARole(role));
        }
        return await ChangeAsync(userId, ActivitySeverity.Info, async (users, roles, user) =>
        {
            var current = RoleOf(await users.GetRolesAsync(user));
            if (current == role)
            {
                return UserAdministrationResult.Refused($"\"{user.UserName}\" is {role} already.");
            }
            if (await WhyNotTakenFromTheOwnersAsync(users, user, current == DashboardRoles.Owner, "change your own role") is { } refusal)
            {
                return UserAdministrationResult.Refused(refusal);
            }
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
            Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
            Check(await users.AddToRoleAsync(user, role));
            Check(await users.UpdateSecurityStampAsync(user));
            return new UserAdministrationResult(true,
                $"User \"{user.UserName}\" is now {role} (was {current}): their open pages ask them to sign in again within a minute.");
        }, cancellationToken);
    }

    public async Task<UserAdministrationResult> DisableAsync(string userId, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("disable users");
        return await ChangeAsync(userId, ActivitySeverity.Warning, async (users, _, user) =>
        {
            if (user.DisabledAt is not null)
            {
                return UserAdministrationResult.Refused($"\"{user.UserName}\" is disabled already.");
            }
            if (await WhyNotTakenFromTheOwnersAsync(users, user, await users.IsInRoleAsync(user, DashboardRoles.Owner), "disable yourself") is { } refusal)
            {
                return UserAdministrationResult.Refused(refusal);
            }
            user.DisabledAt = time.GetUtcNow();
            Check(await users.UpdateSecurityStampAsync(user)); // saves DisabledAt too
            return new UserAdministrationResult(true,
                $"User \"{user.UserName}\" was disabled: they cannot sign in, and their open pages close within a minute.");
        }, cancellationToken);
    }

    public async Task<UserAdministrationResult> EnableAsync(string userId, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("enable users");
        return await ChangeAsync(userId, ActivitySeverity.Info, async (users, _, user) =>
        {
            if (user.DisabledAt is null)
            {
                return UserAdministrationResult.Refused($"\"{user.UserName}\" is enabled already.");
            }
            user.DisabledAt = null;
            Check(await users.UpdateAsync(user));
            return new UserAdministrationResult(true, $"User \"{user.UserName}\" was enabled: they can sign in again.");
        }, cancellationToken);
    }

    public async Task<UserAdministrationResult> ResetPasswordAsync(string userId, CancellationToken cancellationToken = default)
    {
        actors.DemandOwner("reset passwords");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is not { } user)
        {
            return UserAdministrationResult.Refused(NoSuchUser);
        }
        var expiresAt = time.GetUtcNow() + AccountLinks.Lifetime;
        var token = await links.CreateAsync(AccountLinkPurpose.PasswordReset, null, user.Id, ActorName, cancellationToken);
        await activity.RecordAsync(ActivityKind.Users, ActivitySeverity.Info,
            $"A password reset link for \"{user.UserName}\" was made: it works once, within an hour.", cancellationToken: cancellationToken);
        var disabled = user.DisabledAt is null ? "" : " They stay disabled until you enable them.";
        return new UserAdministrationResult(true,
            $"Send this link to \"{user.UserName}\": with it they choose a new password, once, within an hour (it is shown only now). " +
            $"Their current password works until then.{disabled}", token, expiresAt);
    }

    /// <summary>
    /// Runs <paramref name="change"/> on user <paramref name="userId"/>, one change at a time, in one transaction of a
    /// fresh scope (a refusal or a failure leaves the user as they were); a change made is then recorded in the Activity
    /// Log with its message (after the commit: SQLite lets one writer in at a time).
    /// </summary>
    private async Task<UserAdministrationResult> ChangeAsync(string userId, ActivitySeverity severity,
        Func<UserManager<DashboardUser>, RoleManager<IdentityRole>, DashboardUser, Task<UserAdministrationResult>> change, CancellationToken cancellationToken)
    {
        UserAdministrationResult result;
        await _changes.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return UserAdministrationResult.Refused(NoSuchUser);
            }
            var db = scope.ServiceProvider.GetRequiredService<SyncDbContext>(); // the one Identity's stores save with
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            result = await change(users, scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(), user);
            if (!result.Succeeded)
            {
                return result;
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        finally
        {
            _changes.Release();
        }
        await activity.RecordAsync(ActivityKind.Users, severity, result.Message, cancellationToken: CancellationToken.None);
        return result;
    }

    /// <summary>
    /// Why <paramref name="user"/> may not be demoted or disabled: they are the user acting now (compared as Identity
    /// compares names: "You cannot <paramref name="yourself"/>"), or, being an enabled Owner, the last one; null when they may.
    /// </summary>
    private async Task<string?> WhyNotTakenFromTheOwnersAsync(UserManager<DashboardUser> users, DashboardUser user, bool isOwner, string yourself)
    {
        if (actors.Current is { } actor && users.NormalizeName(actor.UserName) == user.NormalizedUserName)
        {
            return $"You cannot {yourself}: another Owner can.";
        }
        if (!isOwner || user.DisabledAt is not null)
        {
            return null; // the enabled Owners stay as they are
        }
        return (await users.GetUsersInRoleAsync(DashboardRoles.Owner)).Any(u => u.Id != user.Id && u.DisabledAt is null) ? null : LastOwner;
    }

    /// <summary>The one role among <paramref name="roles"/> (the most trusted, should there be more), or "no role".</summary>
    private static string RoleOf(IEnumerable<string?> roles) => DashboardRoles.All.FirstOrDefault(roles.Contains) ?? "no role";

    private const string NoSuchUser = "There is no such user (any more): reload the page.";

    private string ActorName => actors.Current?.UserName ?? ActivityQuery.SystemUser;

    private static string NotARole(string role) => $"\"{role}\" is not a role: choose {string.Join(", ", DashboardRoles.All)}.";

    /// <summary>Identity's refusal of a step as an exception (nothing is committed): the steps here are not expected to fail.</summary>
    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
