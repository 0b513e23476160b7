namespace SyncDashboard.Core.Users;

/// <summary>What a one-time account link is for.</summary>
public enum AccountLinkPurpose
{
    /// <summary>The first start with no user: the link creates the Owner.</summary>
    Setup,

    /// <summary>The Owner invites someone: the link creates their user with the role chosen.</summary>
    Invite,

    /// <summary>The Owner resets someone's password: the link lets them choose a new one.</summary>
    PasswordReset,
}
