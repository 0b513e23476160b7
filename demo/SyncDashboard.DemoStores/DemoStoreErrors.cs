namespace SyncDashboard.DemoStores;

/// <summary>A request the demo store refuses with 422 and Shopify's field errors.</summary>
public sealed class DemoStoreValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static DemoStoreValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>An error about the request as a whole, answered as a list (<c>{"errors": ["..."]}</c>).</summary>
    public static DemoStoreValidationException ForBase(string message) =>
        new(new Dictionary<string, string[]> { [BaseKey] = [message] });

    /// <summary>The key of errors that belong to no field.</summary>
    public const string BaseKey = "";
}

/// <summary>A resource the demo store does not have (404).</summary>
public sealed class DemoStoreNotFoundException() : Exception("Not Found");
