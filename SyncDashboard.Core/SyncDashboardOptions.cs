using Microsoft.Extensions.Options;

namespace SyncDashboard.Core;

/// <summary>The sync engine's settings (section <c>SyncDashboard</c>).</summary>
public sealed class SyncDashboardOptions
{
    public const string SectionName = "SyncDashboard";

    /// <summary>Folder of the dashboard's SQLite file and Data Protection keys; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    public string DatabaseFileName { get; set; } = "syncdashboard.db";

    /// <summary>
    /// The address stores send webhooks to (this app, as the stores reach it), for example
    /// <c>https://sync.example.com</c>. Empty: the address the app listens on (right for the demo stores).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How often every store's catalogue is swept for changes a webhook did not bring.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long inventory changes of one item are gathered before one store call applies the latest.</summary>
    public TimeSpan InventoryCoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(300);
}

internal sealed class SyncDashboardOptionsValidator : IValidateOptions<SyncDashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncDashboardOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("SyncDashboard:DataDirectory is required.");
        }
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) &&
            !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            errors.Add($"SyncDashboard:PublicBaseUrl '{options.PublicBaseUrl}' is not an absolute http or https URL.");
        }
        if (options.SweepInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add("SyncDashboard:SweepInterval must be at least one second.");
        }
        if (options.InventoryCoalesceWindow < TimeSpan.Zero || options.InventoryCoalesceWindow > TimeSpan.FromMinutes(1))
        {
            errors.Add("SyncDashboard:InventoryCoalesceWindow must be between 0 and one minute.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
