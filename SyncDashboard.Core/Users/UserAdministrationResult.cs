namespace SyncDashboard.Core.Users;

/// <summary>
/// What became of a change the Owner asked for on the Users page, in the dashboard's words; an
/// invitation or a password reset also carries its one-time link's token (shown once, never stored).
/// </summary>
public sealed record UserAdministrationResult(bool Succeeded, string Message, string? LinkToken = null, DateTimeOffset? LinkExpiresAt = null)
{
    /// <summary>The link's path under the dashboard's address (<c>account/link?token=...</c>); null when there is no link.</summary>
    public string? LinkPath => LinkToken is null ? null : $"{AccountLinks.Path}?token={LinkToken}";

    public static UserAdministrationResult Refused(string message) => new(false, message);
}
