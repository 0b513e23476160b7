namespace SyncDashboard.Core.Users;

/// <summary>
/// A one-time link of <see cref="AccountLinkPurpose"/>: only the SHA-256 of its token is kept (the
/// token itself is shown once, in the link); usable once, until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class AccountLink
{
    public int Id { get; set; }

    /// <summary>SHA-256 of the token, hex (64 characters); unique.</summary>
    public required string TokenHash { get; set; }

    public AccountLinkPurpose Purpose { get; set; }

    /// <summary>The role the user gets (Setup: Owner; Invite: the Owner's choice); null for a password reset.</summary>
    public string? Role { get; set; }

    /// <summary>The user whose password is reset (PasswordReset only).</summary>
    public string? UserId { get; set; }

    /// <summary>Who made the link (user name), or "System" for the first start's.</summary>
    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was used (it is then refused); null while unused.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
