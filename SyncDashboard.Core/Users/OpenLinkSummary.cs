namespace SyncDashboard.Core.Users;

/// <summary>An invitation or password-reset link not used yet and still valid, as the Users page lists it (never its token).</summary>
/// <param name="For">What it does, in words: "Invitation as Operator", "Password reset of olga".</param>
public sealed record OpenLinkSummary(int Id, AccountLinkPurpose Purpose, string For, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
