namespace SyncDashboard.Core.Users;

/// <summary>What became of an account request: whether it succeeded and what to tell the person, in the dashboard's words.</summary>
public sealed record AccountResult(bool Succeeded, string Message, DashboardUser? User = null);
