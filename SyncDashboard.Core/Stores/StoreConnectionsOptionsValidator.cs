using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Stores;

/// <summary>
/// Names every problem of the <c>Stores</c> section by its configuration path, so that a bad
/// configuration stops the start with a message that says what to fix.
/// </summary>
public sealed class StoreConnectionsOptionsValidator : IValidateOptions<StoreConnectionsOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreConnectionsOptions options)
    {
        var errors = new List<string>();
        var section = StoreConnectionsOptions.SectionName;
        var stores = new List<(string Path, StoreConnectionOptions Store)>();
        if (options.Destination is null)
        {
            errors.Add($"{section}:Destination is missing: configure the store that receives the synced products (its Name, BaseUrl and AccessToken).");
        }
        else
        {
            stores.Add(($"{section}:Destination", options.Destination));
        }
        for (var i = 0; i < options.Sources.Count; i++)
        {
            stores.Add(($"{section}:Sources:{i}", options.Sources[i]));
        }

        foreach (var (path, store) in stores)
        {
            if (store is null)
            {
                errors.Add($"{path} is empty.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(store.Name))
            {
                errors.Add($"{path}:Name is missing.");
            }
            if (string.IsNullOrWhiteSpace(store.BaseUrl))
            {
                errors.Add($"{path}:BaseUrl is missing.");
            }
            else if (!StoreConnectionOptions.IsHttpUrl(store.BaseUrl, out _))
            {
                errors.Add($"{path}:BaseUrl '{store.BaseUrl}' is not an absolute http or https URL.");
            }
            var hasApp = !string.IsNullOrWhiteSpace(store.ClientId) || !string.IsNullOrWhiteSpace(store.ClientSecret);
            if (hasApp && (string.IsNullOrWhiteSpace(store.ClientId) || string.IsNullOrWhiteSpace(store.ClientSecret)))
            {
                errors.Add($"{path}: give both ClientId and ClientSecret (the app's credentials from Shopify's Dev Dashboard).");
            }
            else if (!hasApp && string.IsNullOrWhiteSpace(store.AccessToken))
            {
                errors.Add($"{path}: give ClientId and ClientSecret (the app's credentials from Shopify's Dev Dashboard), or a legacy AccessToken.");
            }
            if (!(store.RequestsPerSecond > 0) || double.IsInfinity(store.RequestsPerSecond))
            {
                errors.Add($"{path}:RequestsPerSecond must be greater than 0 (Shopify standard plans drain 2 per second).");
            }
            if (store.BucketSize < 3)
            {
                errors.Add($"{path}:BucketSize must be at least 3 (Shopify standard plans have 40).");
            }
        }

        var named = stores.Where(s => s.Store is not null && !string.IsNullOrWhiteSpace(s.Store.Name)).ToList();
        foreach (var group in named.GroupBy(s => s.Store.Name.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Store name '{group.Key}' is used more than once ({string.Join(", ", group.Select(s => s.Path + ":Name"))}); store names must be unique.");
        }

        var located = stores
            .Where(s => s.Store is not null && StoreConnectionOptions.IsHttpUrl(s.Store.BaseUrl, out _))
            .Select(s => (s.Path, Origin: new Uri(s.Store.BaseUrl).GetLeftPart(UriPartial.Authority).ToLowerInvariant()))
            .ToList();
        foreach (var group in located.GroupBy(s => s.Origin).Where(g => g.Count() > 1))
        {
            errors.Add($"Store URL '{group.Key}' is used more than once ({string.Join(", ", group.Select(s => s.Path + ":BaseUrl"))}); each store has its own.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
