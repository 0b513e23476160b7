namespace SyncDashboard.Core.Stores;

/// <summary>
/// Installing the app on a store of another merchant from a link (the store's OAuth authorization code
/// grant): the link the store's owner opens, the callback the store sends the owner's browser back
/// with, its signature, and the exchange of the callback's one-time code for the store's access token.
/// Store-neutral: the store's own vocabulary (paths, parameter names, signature scheme) stays in its adapter.
/// </summary>
public interface IStoreAppInstalls
{
    /// <summary>The permissions the link asks for, in the store's own names (for example <c>read_products</c>), in the order shown to the merchant.</summary>
    IReadOnlyList<string> Scopes { get; }

    /// <summary>
    /// The link that asks the owner of the store at <paramref name="storeBaseUrl"/> to install the app
    /// <paramref name="clientId"/> with <see cref="Scopes"/>, sending the browser back to
    /// <paramref name="redirectUri"/> with <paramref name="state"/>.
    /// </summary>
    Uri InstallLink(Uri storeBaseUrl, string clientId, Uri redirectUri, string state);

    /// <summary>What a callback's query says, or null when it lacks a part every callback carries (state, shop, code, signature).</summary>
    /// <param name="query">The callback's query parameters, decoded, in the order they came.</param>
    StoreInstallCallback? ReadCallback(IReadOnlyList<KeyValuePair<string, string>> query);

    /// <summary>Whether the callback's query is signed with <paramref name="clientSecret"/> (compared in constant time).</summary>
    bool Verify(string clientSecret, IReadOnlyList<KeyValuePair<string, string>> query);

    /// <summary>Whether <paramref name="shop"/> has the form of a shop's name in a callback (a store's own domain).</summary>
    bool IsShopName(string shop);

    /// <summary>
    /// The shop's name the store address itself gives (for example the host of
    /// <c>https://my-shop.myshopify.com</c>), or null when the address does not give one (a custom
    /// address, a demo store): then only the store's answer, once connected, tells which shop it is.
    /// </summary>
    string? ShopNameOf(Uri storeBaseUrl);

    /// <summary>Which of <see cref="Scopes"/> the store did not grant (a permission implied by a granted one counts as granted); empty when none is missing.</summary>
    IReadOnlyList<string> MissingScopes(IReadOnlyList<string> granted);

    /// <summary>
    /// Exchanges the callback's one-time <paramref name="code"/> for the store's access token, at the
    /// store's own address (never at one the callback names).
    /// </summary>
    /// <exception cref="StoreApiException">
    /// 401 when the store refused the client id, the secret or the code (used already, expired); another
    /// status when it answered something else; <see cref="StoreUnavailableException"/> when it could not be reached.
    /// </exception>
    Task<StoreInstallGrant> ExchangeCodeAsync(Uri storeBaseUrl, StoreAppCredentials app, string code, CancellationToken cancellationToken = default);
}
