namespace SyncDashboard.Core.Users;

/// <summary>The acting user's role does not allow what was asked (the service refuses it, whatever the page showed).</summary>
public sealed class ActionNotAllowedException(string message) : Exception(message);
