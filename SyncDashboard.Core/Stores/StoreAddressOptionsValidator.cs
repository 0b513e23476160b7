using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Stores;

/// <summary>Names every problem of the address settings of the <c>Stores</c> section by its configuration path.</summary>
public sealed class StoreAddressOptionsValidator : IValidateOptions<StoreAddressOptions>
{
    private static readonly TimeSpan MinConnectTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(2);

    public ValidateOptionsResult Validate(string? name, StoreAddressOptions options)
    {
        var errors = new List<string>();
        var s = StoreAddressOptions.SectionName;
        if (options.ConnectionTestTimeout < TimeSpan.FromSeconds(1) || options.ConnectionTestTimeout > MaxTimeout)
        {
            errors.Add($"{s}:ConnectionTestTimeout must be between 00:00:01 and 00:02:00.");
        }
        if (options.ConnectTimeout < MinConnectTimeout || options.ConnectTimeout > MaxTimeout)
        {
            errors.Add($"{s}:ConnectTimeout must be between 00:00:00.1 and 00:02:00.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
