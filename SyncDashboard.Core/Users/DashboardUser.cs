using Microsoft.AspNetCore.Identity;

namespace SyncDashboard.Core.Users;

/// <summary>
/// A member of the merchant's team who signs in to the dashboard (ASP.NET Core Identity, in the
/// dashboard's own SQLite database). Exactly one role of <see cref="DashboardRoles"/>; a disabled user
/// cannot sign in, and an open session of theirs ends within a minute.
/// </summary>
public sealed class DashboardUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the Owner disabled the user (null while enabled).</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
