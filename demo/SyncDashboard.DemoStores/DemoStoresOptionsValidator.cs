using Microsoft.Extensions.Options;

namespace SyncDashboard.DemoStores;

/// <summary>Refuses a demo store configuration that could not work, with every problem named, at start-up.</summary>
public sealed class DemoStoresOptionsValidator : IValidateOptions<DemoStoresOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoStoresOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("DemoStores:DataDirectory is required.");
        }
        for (var i = 0; i < options.Stores.Count; i++)
        {
            var store = options.Stores[i];
            var key = $"DemoStores:Stores:{i}";
            if (string.IsNullOrWhiteSpace(store.Name))
            {
                errors.Add($"{key}:Name is required.");
            }
            if (string.IsNullOrWhiteSpace(store.Domain))
            {
                errors.Add($"{key}:Domain is required (for example demo-source.myshopify.com).");
            }
            if (store.Port is < 0 or > 65535)
            {
                errors.Add($"{key}:Port {store.Port} is not a port number (0 to 65535; 0 picks a free one).");
            }
            if (string.IsNullOrWhiteSpace(store.AccessToken))
            {
                errors.Add($"{key}:AccessToken is required.");
            }
            if (string.IsNullOrWhiteSpace(store.ClientId))
            {
                errors.Add($"{key}:ClientId is required (the app's client id, as Shopify's Dev Dashboard shows it).");
            }
            if (string.IsNullOrWhiteSpace(store.ClientSecret))
            {
                errors.Add($"{key}:ClientSecret is required.");
            }
            if (DemoStoreAccessTokens.ParseScopes(store.AccessScopes).Count == 0)
            {
                errors.Add($"{key}:AccessScopes needs at least one scope (for example read_products,write_products).");
            }
            if (store.AccessTokenLifetime < TimeSpan.FromSeconds(1))
            {
                errors.Add($"{key}:AccessTokenLifetime must be at least one second (Shopify's: 24:00:00).");
            }
            if (string.IsNullOrWhiteSpace(store.WebhookSecret))
            {
                errors.Add($"{key}:WebhookSecret is required.");
            }
            if (store.BucketSize < 1)
            {
                errors.Add($"{key}:BucketSize must be at least 1.");
            }
            if (store.LeakRatePerSecond <= 0)
            {
                errors.Add($"{key}:LeakRatePerSecond must be greater than 0.");
            }
            if (store.GraphQLBucketSize < 1)
            {
                errors.Add($"{key}:GraphQLBucketSize must be at least 1.");
            }
            if (store.GraphQLRestoreRatePerSecond <= 0)
            {
                errors.Add($"{key}:GraphQLRestoreRatePerSecond must be greater than 0.");
            }
            if (store.Faults.ServerErrorRate is < 0 or > 1 || store.Faults.WebhookDropRate is < 0 or > 1 || store.Faults.WebhookDelayRate is < 0 or > 1)
            {
                errors.Add($"{key}:Faults rates must be between 0 and 1.");
            }
            if (store.Faults.WebhookMaxDelayMilliseconds is < 0 or > 600_000)
            {
                errors.Add($"{key}:Faults:WebhookMaxDelayMilliseconds must be between 0 and 600000.");
            }
        }
        foreach (var duplicate in options.Stores.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"DemoStores:Stores: the name '{duplicate.Key}' is used more than once.");
        }
        foreach (var duplicate in options.Stores.Where(s => s.Port != 0).GroupBy(s => s.Port).Where(g => g.Count() > 1))
        {
            errors.Add($"DemoStores:Stores: port {duplicate.Key} is used by more than one store.");
        }
        if (options.Stores.Count(s => s.Role == DemoStoreRole.Destination) > 1)
        {
            errors.Add("DemoStores:Stores: only one store can have the Destination role.");
        }
        var catalogue = options.Catalogue;
        if (catalogue.ProductsPerSource < 0 || catalogue.DestinationOnlyProducts < 0)
        {
            errors.Add("DemoStores:Catalogue product counts cannot be negative.");
        }
        if (new[] { catalogue.MissingSkuShare, catalogue.DuplicateSkuShare, catalogue.InDestinationShare, catalogue.SlightlyDifferentShare }
            .Any(share => share is < 0 or > 1))
        {
            errors.Add("DemoStores:Catalogue shares must be between 0 and 1.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
