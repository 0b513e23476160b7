namespace SyncDashboard.Core.Connections;

/// <summary>The checks every way of connecting a store shares: its address, and an app's client id and secret.</summary>
public static class StoreAddress
{
    /// <summary>Why <paramref name="baseUrl"/> is not a store's address (an absolute http or https URL), or null when it is.</summary>
    public static string? Problem(string? baseUrl) =>
        string.IsNullOrWhiteSpace(baseUrl) ? "Enter the store's address, such as https://my-shop.myshopify.com."
        : Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : $"'{baseUrl}' is not a store address such as https://my-shop.myshopify.com.";

    /// <summary>What is missing of an app's client id and secret (Dev Dashboard, the app's settings).</summary>
    public static IEnumerable<InputProblem> AppProblems(string? clientId, string? clientSecret)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            yield return new(nameof(NewStoreConnection.ClientId), "The app's client id is required (the app's settings in Shopify's Dev Dashboard).");
        }
        if (string.IsNullOrWhiteSpace(clientSecret))
        {
            yield return new(nameof(NewStoreConnection.ClientSecret), "The app's client secret is required (it also proves webhooks come from the store).");
        }
    }

    /// <summary>The address's origin in lower case (<c>https://shop.example</c>), to tell whether two addresses are one store.</summary>
    public static string Normalize(string baseUrl) =>
        Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() : baseUrl.Trim().ToLowerInvariant();
}
