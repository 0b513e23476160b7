using System.Security.Claims;

namespace SyncDashboard.Core.Users;

/// <summary>
/// Who is acting: a signed-in user with their roles (<see cref="DashboardRoles"/>). Work the dashboard
/// does by itself (webhooks, sweeps, the reconciliation) has no actor and is logged as the system's.
/// </summary>
public sealed record DashboardActor(string UserName, IReadOnlySet<string> Roles)
{
    public bool IsOwner => Roles.Contains(DashboardRoles.Owner);

    /// <summary>May change products, links and the settings of fields and prices (Owner or Operator).</summary>
    public bool CanOperate => IsOwner || Roles.Contains(DashboardRoles.Operator);

    /// <summary>The role shown to the user (the most trusted they hold), or "no role".</summary>
    public string Role => DashboardRoles.All.FirstOrDefault(Roles.Contains) ?? "no role";

    /// <summary>
    /// A job's work, done for the user who started it: what they asked was checked against their role
    /// when the job was created (<c>JobService</c>), so the work itself is not refused again (their name
    /// is still what the Activity Log records).
    /// </summary>
    public bool ActsForJob { get; init; }

    /// <summary>
    /// The user's session has ended while a page of theirs was open (a sign-out in another tab or browser, a disabling, a
    /// role or password change): nothing they ask is done until they sign in again, however their role reads.
    /// </summary>
    public bool SessionEnded { get; init; }

    /// <summary>The actor of a page whose session ended (see <see cref="SessionEnded"/>): no roles.</summary>
    public static DashboardActor Ended(string userName) => new(userName, new HashSet<string>()) { SessionEnded = true };

    /// <summary>The actor of a job started by <paramref name="userName"/> (see <see cref="ActsForJob"/>).</summary>
    public static DashboardActor ForJob(string userName) => new(userName, new HashSet<string>()) { ActsForJob = true };

    /// <summary>The actor of a signed-in principal (its name and role claims); null when not signed in.</summary>
    public static DashboardActor? From(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { } name }
            ? new DashboardActor(name, DashboardRoles.All.Where(user.IsInRole).ToHashSet())
            : null;
}
