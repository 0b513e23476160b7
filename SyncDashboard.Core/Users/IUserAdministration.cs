namespace SyncDashboard.Core.Users;

/// <summary>
/// The Owner's administration of the team (the Users page): list, invite, change a role, disable or
/// enable, reset a password. Every method demands the Owner (<see cref="ActionNotAllowedException"/>
/// otherwise) and every change is in the Activity Log with who made it.
/// </summary>
public interface IUserAdministration
{
    /// <summary>Every user, oldest first.</summary>
    Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>A one-time invitation link that creates a user of <paramref name="role"/> (valid <see cref="AccountLinks.Lifetime"/>).</summary>
    Task<UserAdministrationResult> InviteAsync(string role, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the user exactly <paramref name="role"/>. Refused for the acting Owner's own user, and when it would
    /// leave no enabled Owner. Their open pages ask them to sign in again within a minute (the security stamp changes).
    /// </summary>
    Task<UserAdministrationResult> ChangeRoleAsync(string userId, string role, CancellationToken cancellationToken = default);

    /// <summary>
    /// The user can no longer sign in, and their open pages end within a minute (the security stamp changes).
    /// Refused for the acting Owner's own user, and for the last enabled Owner.
    /// </summary>
    Task<UserAdministrationResult> DisableAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>A disabled user may sign in again.</summary>
    Task<UserAdministrationResult> EnableAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A one-time link (valid <see cref="AccountLinks.Lifetime"/>) with which the user chooses a new password; their
    /// current password works until the link is used.
    /// </summary>
    Task<UserAdministrationResult> ResetPasswordAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The invitation and password-reset links not used yet and still valid, newest first.</summary>
    Task<IReadOnlyList<OpenLinkSummary>> ListOpenLinksAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends an open invitation or reset link at once (sent to the wrong person, or no longer wanted); refused when it was used or has expired.</summary>
    Task<UserAdministrationResult> RevokeLinkAsync(int linkId, CancellationToken cancellationToken = default);
}
