namespace SyncDashboard.Core.Connections;

/// <summary>How an install link ended, as the Stores page shows it after the store sent the owner back.</summary>
/// <param name="Succeeded">Whether the store was connected.</param>
/// <param name="Message">What happened, in the dashboard's own words.</param>
public sealed record StoreInstallOutcome(bool Succeeded, string Message);
