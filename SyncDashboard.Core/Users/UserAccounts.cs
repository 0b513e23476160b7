using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;

namespace SyncDashboard.Core.Users;

/// <summary>
/// A person's own account: one-time links (the first start's creates the Owner, an invitation creates a
/// user with the role the Owner chose, a reset link sets a new password), changing one's own password,
/// and whether a session still holds. Each change is in the Activity Log with who did it. Passwords
/// follow <see cref="UsersServiceCollectionExtensions"/>'s rules (at least 12 characters, as NIST
/// SP 800-63B recommends length over composition rules). The Owner's administration of others is
/// <see cref="UserAdministration"/>.
/// </summary>
public sealed class UserAccounts(UserManager<DashboardUser> users, RoleManager<IdentityRole> roles, AccountLinks links, ActivityLog activity, TimeProvider time)
{
    /// <summary>One account created from a link at a time, so that two set-up links used at once cannot both make an Owner.</summary>
    private static readonly SemaphoreSlim Creating = new(1, 1);

    /// <summary>Whether anyone can sign in yet (no: the first start's set-up link is offered).</summary>
    public Task<bool> AnyUserAsync(CancellationToken cancellationToken = default) => users.Users.AnyAsync(cancellationToken);

    /// <summary>
    /// Uses a set-up or invitation link: creates the user named <paramref name="userName"/> with the
    /// link's role and <paramref name="password"/>. Refused (nothing saved, the link still usable)
    /// when the name is taken or invalid or the password too weak; refused for good when the link is
    /// unknown, used or expired.
    /// </summary>
    public async Task<AccountResult> CreateFromLinkAsync(string? token, string userName, string password, CancellationToken cancellationToken = default)
    {
        await Creating.WaitAsync(cancellationToken);
        try
        {
            return await CreateFromLinkOnceAsync(token, userName, password, cancellationToken);
        }
        finally
        {
            Creating.Release();
        }
    }

    private async Task<AccountResult> CreateFromLinkOnceAsync(string? token, string userName, string password, CancellationToken cancellationToken)
    {
        var link = await links.FindUsableAsync(token, cancellationToken);
        if (link is not { Purpose: AccountLinkPurpose.Setup or AccountLinkPurpose.Invite, Role: { } role })
        {
            return new AccountResult(false, LinkUnusable);
        }
        if (link.Purpose == AccountLinkPurpose.Invite && !await IsEnabledOwnerAsync(link.CreatedBy))
        {
            return new AccountResult(false, LinkUnusable); // its maker is no longer an enabled Owner: their invitations die with their rights
        }
        if (link.Purpose == AccountLinkPurpose.Setup && await AnyUserAsync(cancellationToken))
        {
            return new AccountResult(false, "The dashboard has its Owner already: sign in, or ask the Owner for an invitation.");
        }
        userName = userName.Trim();
        if (string.Equals(userName, Activity.ActivityQuery.SystemUser, StringComparison.OrdinalIgnoreCase))
        {
            return new AccountResult(false, $"\"{Activity.ActivityQuery.SystemUser}\" is how the Activity Log names what the dashboard does by itself; choose another user name.");
        }
        if (await users.FindByNameAsync(userName) is not null)
        {
            return new AccountResult(false, $"The user name \"{userName}\" is taken; choose another.");
        }
        var user = new DashboardUser { UserName = userName, CreatedAt = time.GetUtcNow() };
        var problems = await PasswordProblemsAsync(user, password);
        foreach (var validator in users.UserValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user)).Errors.Select(e => e.Description));
        }
        if (problems.Count > 0)
        {
            return new AccountResult(false, string.Join(" ", problems));
        }
        if (!await links.TryUseAsync(link.Id, cancellationToken))
        {
            return new AccountResult(false, LinkUnusable);
        }
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new AccountResult(false, string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        var how = link.Purpose == AccountLinkPurpose.Setup ? "with the first start's set-up link" : $"from an invitation by {link.CreatedBy}";
        await activity.RecordAsync(ActivityKind.Users, ActivitySeverity.Info, $"User \"{userName}\" was created as {role} {how}.",
            cancellationToken: CancellationToken.None, user: userName);
        return new AccountResult(true, $"Welcome, {userName}: you are {(role is DashboardRoles.Owner or DashboardRoles.Operator ? "an" : "a")} {role}.", user);
    }

    /// <summary>
    /// Uses a password reset link: sets <paramref name="password"/> as the password of the link's user, ends
    /// their lockout and changes their security stamp (their open sessions end within a minute). Refused
    /// (nothing changed, the link still usable) when the password is too weak; refused for good when the
    /// link is unknown, used or expired. The result names the user, who may then be signed in.
    /// </summary>
    public async Task<AccountResult> ResetPasswordFromLinkAsync(string? token, string password, CancellationToken cancellationToken = default)
    {
        var link = await links.FindUsableAsync(token, cancellationToken);
        if (link is not { Purpose: AccountLinkPurpose.PasswordReset, UserId: { } userId } || await users.FindByIdAsync(userId) is not { } user
            || !await IsEnabledOwnerAsync(link.CreatedBy))
        {
            return new AccountResult(false, LinkUnusable);
        }
        if (await PasswordProblemsAsync(user, password) is { Count: > 0 } problems)
        {
            return new AccountResult(false, string.Join(" ", problems));
        }
        if (!await links.TryUseAsync(link.Id, cancellationToken))
        {
            return new AccountResult(false, LinkUnusable);
        }
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password); // changes the security stamp
        if (!reset.Succeeded)
        {
            return new AccountResult(false, string.Join(" ", reset.Errors.Select(e => e.Description)));
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await activity.RecordAsync(ActivityKind.Users, ActivitySeverity.Info,
            $"User \"{user.UserName}\" chose a new password with a reset link from {link.CreatedBy}.", cancellationToken: CancellationToken.None, user: user.UserName);
        return new AccountResult(true, user.DisabledAt is null
            ? "Your password is changed."
            : "Your password is changed, but your user is disabled: ask the Owner to enable it.", user);
    }

    /// <summary>The name of the user whose password <paramref name="link"/> resets; null for another link.</summary>
    public async Task<string?> UserNameOfAsync(AccountLink link) =>
        link is { Purpose: AccountLinkPurpose.PasswordReset, UserId: { } userId } ? (await users.FindByIdAsync(userId))?.UserName : null;

    /// <summary>
    /// Changes the password of the signed-in <paramref name="principal"/> (Identity's <c>ChangePasswordAsync</c>:
    /// the current password is checked, and a wrong one counts toward the lockout as a failed sign-in does; the
    /// security stamp changes, so the user's other sessions end within a minute). The result names the user, whose own sign-in is then to be refreshed.
    /// </summary>
    public async Task<AccountResult> ChangePasswordAsync(ClaimsPrincipal principal, string currentPassword, string newPassword)
    {
        if (await users.GetUserAsync(principal) is not { DisabledAt: null } user)
        {
            return new AccountResult(false, "Your session has ended: sign in again.");
        }
        // Wrong current passwords count as failed sign-ins do (the same lockout), so the page cannot be used to guess one.
        if (await users.IsLockedOutAsync(user))
        {
            return new AccountResult(false, "Too many wrong passwords: your user is locked for a while. Try again later, or ask the Owner for a reset link.");
        }
        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            await users.AccessFailedAsync(user);
            return new AccountResult(false, await users.IsLockedOutAsync(user)
                ? "Your current password is wrong, and that was too many times: your user is locked for a while. Ask the Owner for a reset link if you forgot it."
                : "Your current password is wrong.");
        }
        await users.ResetAccessFailedCountAsync(user);
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return new AccountResult(false, changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? "Your current password is wrong."
                : string.Join(" ", changed.Errors.Select(e => e.Description)));
        }
        await activity.RecordAsync(ActivityKind.Users, ActivitySeverity.Info, $"User \"{user.UserName}\" changed their password.",
            cancellationToken: CancellationToken.None, user: user.UserName);
        return new AccountResult(true, "Your password is changed. Your other open sessions ask you to sign in again within a minute.", user);
    }

    /// <summary>
    /// Whether the session of <paramref name="principal"/> still holds: the user exists, is not disabled, and
    /// their security stamp is the one the session was signed in with (a role change, a disabling, a password
    /// change or reset changes it). The web app asks every minute for each open page.
    /// </summary>
    public async Task<bool> IsSessionValidAsync(ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is not { DisabledAt: null } user)
        {
            return false;
        }
        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }
        return principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }

    /// <summary>What the password rules (at least 12 characters) find wrong with <paramref name="password"/>, in Identity's words.</summary>
    private async Task<List<string>> PasswordProblemsAsync(DashboardUser user, string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Description));
        }
        return problems;
    }

    /// <summary>Whether <paramref name="userName"/> is an enabled Owner now (an invitation works only while its maker is).</summary>
    private async Task<bool> IsEnabledOwnerAsync(string userName) =>
        await users.FindByNameAsync(userName) is { DisabledAt: null } maker && await users.IsInRoleAsync(maker, DashboardRoles.Owner);

    /// <summary>What a link that cannot be used any more is told.</summary>
    public const string LinkUnusable = "This link does not work any more: it was used already, or it is more than an hour old. Ask the Owner for a new one " +
        "(or, before anyone has signed in, restart the dashboard: it prints a new set-up link).";
}
