using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

/// <summary>
/// Signs a user in with their password (ASP.NET Core Identity, lockout on failure) so that the answers
/// do not tell a stranger which user names exist (OWASP Authentication Cheat Sheet, "Authentication and
/// Error Messages"): an unknown name costs a password hash like a known one, and locks after the same
/// number of failures for the same time (kept in memory, per name); a disabled user hears they are
/// disabled only with the right password. The locked-out user is still told so, and until when.
/// </summary>
public sealed class SignInCheck(
    SignInManager<DashboardUser> signIn,
    UserManager<DashboardUser> users,
    IOptions<IdentityOptions> identity,
    UnknownUserNames unknownNames,
    TimeProvider time)
{
    public async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            // The same work as a known name's check: a password verified against a hash.
            users.PasswordHasher.VerifyHashedPassword(new DashboardUser(), unknownNames.StandInHash(users.PasswordHasher), password);
            var lockedUntil = unknownNames.Fail(userName, identity.Value.Lockout);
            return lockedUntil is { } until ? LockedOutcome(userName, until) : new SignInOutcome(false, SignInOutcome.Wrong);
        }
        if (user.DisabledAt is not null)
        {
            // Checked like any password (lockout counts), and said only to whoever knows it.
            var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            return check.Succeeded ? new SignInOutcome(false, SignInOutcome.Disabled) : await FailedAsync(user, userName, check);
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded ? new SignInOutcome(true, null) : await FailedAsync(user, userName, result);
    }

    private async Task<SignInOutcome> FailedAsync(DashboardUser user, string userName, SignInResult result) =>
        result.IsLockedOut && await users.GetLockoutEndDateAsync(user) is { } end
            ? LockedOutcome(userName, end)
            : new SignInOutcome(false, SignInOutcome.Wrong);

    private SignInOutcome LockedOutcome(string userName, DateTimeOffset until) =>
        SignInOutcome.LockedFor(userName, Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes)));
}

