using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SyncDashboard.DemoStores;

/// <summary>
/// The <c>hmac</c> Shopify adds to the query of every redirect to an app (the OAuth redirect after an
/// install among them), as Shopify documents its verification in "Implement authorization code grant
/// manually", step 1 "Verify the installation request"
/// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant):
/// take every query parameter but <c>hmac</c> (and the legacy <c>signature</c>), sort them by name,
/// join them as <c>name=value</c> pairs with <c>&amp;</c>, and compute HMAC-SHA256 of that message with
/// the app's client secret as the key; the <c>hmac</c> is its lower-case hex digest (64 characters).
/// For example <c>code=0907a61c0c8d55e99db179b68161bc00&amp;shop=some-shop.myshopify.com&amp;timestamp=1337178173</c>.
/// Names and values are written as Shopify's own library writes them when it checks the signature
/// (shopify-api-js <c>ProcessedQuery</c>: URL-encoded, a space as <c>%20</c>), and the redirect's
/// query is written the same way, so the message is exactly the query without its <c>hmac</c>.
/// </summary>
internal static class DemoStoreOAuthSignature
{
    /// <summary>The hex HMAC-SHA256 of <see cref="Message"/> of <paramref name="parameters"/>, keyed with <paramref name="clientSecret"/>.</summary>
    public static string Sign(string clientSecret, IEnumerable<KeyValuePair<string, string>> parameters) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(Message(parameters))));

    /// <summary>The signed message: the parameters but <c>hmac</c> and <c>signature</c>, sorted by name (ordinal), as <c>a=1&amp;b=2</c>.</summary>
    public static string Message(IEnumerable<KeyValuePair<string, string>> parameters) =>
        Query(parameters.Where(p => p.Key is not ("hmac" or "signature")));

    /// <summary>The parameters sorted by name (ordinal; equal names keep their order) and encoded as a query string without <c>?</c>.</summary>
    public static string Query(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));

    /// <summary>
    /// The WHATWG <c>application/x-www-form-urlencoded</c> encoding with a space as <c>%20</c>: ASCII
    /// letters, digits and <c>*-._</c> stay, every other UTF-8 byte becomes <c>%XX</c>.
    /// </summary>
    public static string Encode(string value)
    {
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'*' or (byte)'-' or (byte)'.' or (byte)'_')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }
}
