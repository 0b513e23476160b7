using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// What a merchant enters to connect a store. How the dashboard gets access depends on <see cref="Credentials"/>:
/// <list type="bullet">
/// <item><see cref="StoreCredentialKind.ClientCredentials"/> (stores of the merchant's own organisation): the
/// app's <see cref="ClientId"/> and <see cref="ClientSecret"/> from the Dev Dashboard, exchanged for 24-hour
/// tokens; the client secret also signs the store's webhooks, so <see cref="WebhookSecret"/> is not used.</item>
/// <item><see cref="StoreCredentialKind.AccessToken"/> (apps made in the store admin before 2026): the copied
/// <see cref="AccessToken"/> and the app's <see cref="WebhookSecret"/>.</item>
/// <item><see cref="StoreCredentialKind.AuthorizationCode"/> (made by an install link, never typed in): the
/// <see cref="AccessToken"/> the install gave, with the app's client id and secret.</item>
/// </list>
/// Secrets are never in <see cref="ToString"/>.
/// </summary>
/// <param name="Name">The store's name in the dashboard (unique, whatever the case).</param>
/// <param name="Role">Destination or Source.</param>
/// <param name="BaseUrl">The store's address, for example <c>https://my-shop.myshopify.com</c>.</param>
/// <param name="AccessToken">The Admin API access token (legacy token, or the one an install gave); empty for client credentials.</param>
/// <param name="WebhookSecret">The secret that signs the store's webhooks (legacy tokens only).</param>
/// <param name="LocationId">The location chosen (see <see cref="StoreConnection.LocationId"/>), or null.</param>
/// <param name="RequestsPerSecond">The plan's drain rate: 2 standard, 20 Plus.</param>
/// <param name="Api">GraphQL (the default) or REST (apps made before GraphQL was required).</param>
/// <param name="Credentials">How the dashboard gets the store's access tokens.</param>
/// <param name="ClientId">The app's client id (client credentials, install link).</param>
/// <param name="ClientSecret">The app's client secret (client credentials, install link).</param>
public sealed record NewStoreConnection(string Name, StoreRole Role, string BaseUrl, string AccessToken, string WebhookSecret,
    long? LocationId = null, double RequestsPerSecond = 2, StoreApi Api = StoreApi.GraphQL,
    StoreCredentialKind Credentials = StoreCredentialKind.AccessToken, string? ClientId = null, string? ClientSecret = null)
{
    /// <summary>An install's expiring offline token with its refresh token (authorization code grant); <see cref="AccessToken"/> is its access token.</summary>
    public StoreOfflineToken? Offline { get; init; }

    /// <summary>A store of the merchant's own organisation, reached with its app's client id and secret (client credentials grant).</summary>
    public static NewStoreConnection WithClientCredentials(string name, StoreRole role, string baseUrl, string clientId, string clientSecret,
        StoreApi api = StoreApi.GraphQL) =>
        new(name, role, baseUrl, "", "", Api: api, Credentials: StoreCredentialKind.ClientCredentials, ClientId: clientId, ClientSecret: clientSecret);

    /// <summary>The secret that signs the store's webhooks: the app's client secret for app credentials, else <see cref="WebhookSecret"/>.</summary>
    public string EffectiveWebhookSecret => (Credentials == StoreCredentialKind.AccessToken ? WebhookSecret : ClientSecret) ?? "";

    /// <summary>What is missing or malformed, field by field (empty when the request can be tried).</summary>
    public IReadOnlyList<InputProblem> Validate()
    {
        var problems = new List<InputProblem>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(new(nameof(Name), "Give the store a name."));
        }
        if (StoreAddress.Problem(BaseUrl) is { } address)
        {
            problems.Add(new(nameof(BaseUrl), address));
        }
        if (Credentials != StoreCredentialKind.ClientCredentials && string.IsNullOrWhiteSpace(AccessToken))
        {
            problems.Add(new(nameof(AccessToken), "The access token is required."));
        }
        if (Credentials == StoreCredentialKind.AccessToken && string.IsNullOrWhiteSpace(WebhookSecret))
        {
            problems.Add(new(nameof(WebhookSecret), "The webhook secret is required (it proves webhooks come from the store)."));
        }
        if (Credentials != StoreCredentialKind.AccessToken)
        {
            problems.AddRange(StoreAddress.AppProblems(ClientId, ClientSecret));
        }
        if (!(RequestsPerSecond > 0))
        {
            problems.Add(new(nameof(RequestsPerSecond), "Requests per second must be greater than 0."));
        }
        return problems;
    }

    /// <summary>The name, role, address and kind of credentials only: secrets stay out of logs.</summary>
    public override string ToString() => $"{Name} ({Role}, {BaseUrl}, {Credentials}, {Api})";
}
