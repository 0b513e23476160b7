namespace SyncDashboard.Core.Users;

/// <summary>One member of the team as the Users page lists them (a view of <see cref="DashboardUser"/>, never the entity itself).</summary>
/// <param name="Id">Identity's user id: what the administration methods take.</param>
/// <param name="Role">Their one role of <see cref="DashboardRoles"/> ("no role" if they somehow have none).</param>
/// <param name="DisabledAt">When the Owner disabled them; null while enabled.</param>
/// <param name="LockedOutUntil">The end of a lockout after too many wrong passwords, while it lasts; null otherwise.</param>
public sealed record UserSummary(string Id, string UserName, string Role, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, DateTimeOffset? LockedOutUntil)
{
    public bool IsDisabled => DisabledAt is not null;
}
