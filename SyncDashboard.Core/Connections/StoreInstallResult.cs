namespace SyncDashboard.Core.Connections;

/// <summary>The answer to a store's install callback.</summary>
/// <param name="Status">Refused (nothing changed), failed or connected.</param>
/// <param name="Message">What to tell the merchant, in the dashboard's own words (never the store's).</param>
/// <param name="InstallId">The pending install whose outcome the Stores page shows; null when refused.</param>
public sealed record StoreInstallResult(StoreInstallStatus Status, string Message, int? InstallId = null);
