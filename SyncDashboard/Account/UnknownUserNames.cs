using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

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
