using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

/// <summary>What a sign-in attempt came to, in the words the sign-in page shows.</summary>
/// <param name="Succeeded">The session cookie is set.</param>
/// <param name="Message">Why not (null when it succeeded).</param>
public sealed record SignInOutcome(bool Succeeded, string? Message)
{
    public const string Wrong = "The user name or the password is wrong.";
    public const string Disabled = "This user is disabled. Ask the Owner to enable it again.";

    public static SignInOutcome LockedFor(string userName, int minutes) =>
        new(false, $"Too many failed attempts: \"{userName}\" is locked for {minutes} more minute{(minutes == 1 ? "" : "s")}. Try again then, or ask the Owner to reset the password.");
}

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

/// <summary>
/// Failed sign-ins under names no user has, counted as Identity counts a user's (the same number of
/// failures locks the name for the same time), so that a lockout message proves nothing about a name.
/// (<see cref="StandInHash"/> lets each attempt verify the password against a hash, as a known user's does.) In memory: a restart
/// forgets them, as it costs a stranger nothing to learn. At most 10,000 names are remembered.
/// </summary>
public sealed class UnknownUserNames(TimeProvider time)
{
    private const int MaxNames = 10_000;
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _names = new(StringComparer.OrdinalIgnoreCase);
    private string? _standInHash;

    /// <summary>The hash of a random password no one knows, made once with <paramref name="hasher"/>.</summary>
    public string StandInHash(IPasswordHasher<DashboardUser> hasher) =>
        _standInHash ??= hasher.HashPassword(new DashboardUser(), Guid.NewGuid().ToString());

    /// <summary>Records a failure for <paramref name="userName"/>; returns when its lockout ends, or null while it is not locked.</summary>
    public DateTimeOffset? Fail(string userName, LockoutOptions lockout)
    {
        var now = time.GetUtcNow();
        if (_names.Count >= MaxNames)
        {
            foreach (var stale in _names.Where(n => n.Value.LockedUntil is null || n.Value.LockedUntil < now).Take(MaxNames / 10).ToList())
            {
                _names.TryRemove(stale.Key, out _);
            }
        }
        var entry = _names.AddOrUpdate(userName,
            _ => Failed(0, now, lockout),
            (_, old) => old.LockedUntil > now ? old : Failed(old.Failures, now, lockout));
        return entry.LockedUntil > now ? entry.LockedUntil : null;
    }

    private static (int Failures, DateTimeOffset? LockedUntil) Failed(int failuresBefore, DateTimeOffset now, LockoutOptions lockout) =>
        failuresBefore + 1 >= lockout.MaxFailedAccessAttempts ? (0, now + lockout.DefaultLockoutTimeSpan) : (failuresBefore + 1, null);
}
