using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;

namespace SyncDashboard.Core.Users;

/// <summary>
/// Users made and changed through one-time links: the first start's link creates the Owner, an
/// invitation creates a user with the role the Owner chose, a reset link sets a new password. Each
/// change is in the Activity Log with who did it. Passwords follow <see cref="UsersServiceCollectionExtensions"/>'s
/// rules (at least 12 characters, as NIST SP 800-63B recommends length over composition rules).
/// </summary>
public sealed class UserAccounts(UserManager<DashboardUser> users, RoleManager<IdentityRole> roles, AccountLinks links, ActivityLog activity, TimeProvider time)
{
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
        var link = await links.FindUsableAsync(token, cancellationToken);
        if (link is not { Purpose: AccountLinkPurpose.Setup or AccountLinkPurpose.Invite, Role: { } role })
        {
            return new AccountResult(false, LinkUnusable);
        }
        if (link.Purpose == AccountLinkPurpose.Setup && await AnyUserAsync(cancellationToken))
        {
            return new AccountResult(false, "The dashboard has its Owner already: sign in, or ask the Owner for an invitation.");
        }
        userName = userName.Trim();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return new AccountResult(false, $"The user name \"{userName}\" is taken; choose another.");
        }
        var user = new DashboardUser { UserName = userName, CreatedAt = time.GetUtcNow() };
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, user, password);
            problems.AddRange(checkedPassword.Errors.Select(e => e.Description));
        }
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

    /// <summary>What a link that cannot be used any more is told.</summary>
    public const string LinkUnusable = "This link does not work any more: it was used already, or it is more than an hour old. Ask the Owner for a new one " +
        "(or, before anyone has signed in, restart the dashboard: it prints a new set-up link).";
}
