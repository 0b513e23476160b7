namespace SyncDashboard.Core.Shopify;

/// <summary>
/// Reads Shopify's cursor pagination from the <c>Link</c> header (RFC 8288), for example
/// <c>&lt;https://x/admin/api/2025-07/products.json?limit=250&amp;page_info=abc&gt;; rel="next", &lt;...&gt;; rel="previous"</c>.
/// </summary>
public static class ShopifyLinkHeader
{
    /// <summary>The target of each relation in the header (the first one wins); relation names in lower case.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string? header)
    {
        var links = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(header))
        {
            return links;
        }
        var i = 0;
        while (i < header.Length)
        {
            // Each link-value: "<" URI-Reference ">" *( OWS ";" OWS link-param ), separated by commas.
            var open = header.IndexOf('<', i);
            if (open < 0)
            {
                break;
            }
            var close = header.IndexOf('>', open + 1);
            if (close < 0)
            {
                break;
            }
            var target = header[(open + 1)..close].Trim();
            i = close + 1;
            var rels = new List<string>();
            // Parameters run to the next comma that is outside quotes.
            while (i < header.Length)
            {
                SkipWhitespace(header, ref i);
                if (i >= header.Length || header[i] == ',')
                {
                    i++;
                    break;
                }
                if (header[i] != ';')
                {
                    // Not a parameter: skip to the next link-value.
                    var next = header.IndexOf(',', i);
                    i = next < 0 ? header.Length : next + 1;
                    break;
                }
                i++;
                SkipWhitespace(header, ref i);
                var nameStart = i;
                while (i < header.Length && header[i] is not ('=' or ';' or ',') && !char.IsWhiteSpace(header[i]))
                {
                    i++;
                }
                var name = header[nameStart..i];
                SkipWhitespace(header, ref i);
                string? value = null;
                if (i < header.Length && header[i] == '=')
                {
                    i++;
                    SkipWhitespace(header, ref i);
                    value = ReadValue(header, ref i);
                }
                if (name.Equals("rel", StringComparison.OrdinalIgnoreCase) && value is not null)
                {
                    rels.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }
            }
            foreach (var rel in rels)
            {
                links.TryAdd(rel.ToLowerInvariant(), target);
            }
        }
        return links;
    }

    /// <summary>The <c>page_info</c> cursor of the link with relation <paramref name="rel"/> (<c>next</c> or <c>previous</c>), or null.</summary>
    public static string? PageInfo(string? header, string rel) =>
        Parse(header).TryGetValue(rel, out var target) ? QueryValue(target, "page_info") : null;

    /// <summary>The <c>page_info</c> of the response's <c>rel="next"</c> link, or null on the last page.</summary>
    public static string? NextPageInfo(HttpResponseMessage response) => NextPageInfo(response.Headers);

    /// <inheritdoc cref="NextPageInfo(HttpResponseMessage)"/>
    public static string? NextPageInfo(System.Net.Http.Headers.HttpHeaders? headers) =>
        headers is not null && headers.NonValidated.TryGetValues("Link", out var values)
            ? values.Select(v => PageInfo(v, "next")).FirstOrDefault(p => p is not null)
            : null;

    /// <summary>A query parameter of a URL (absolute or not), unescaped; null when absent or empty.</summary>
    public static string? QueryValue(string url, string name)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return null;
        }
        var fragment = url.IndexOf('#', question);
        var query = fragment < 0 ? url[(question + 1)..] : url[(question + 1)..fragment];
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            if (key == name)
            {
                var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                return value.Length == 0 ? null : value;
            }
        }
        return null;
    }

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    private static string ReadValue(string text, ref int i)
    {
        if (i < text.Length && text[i] == '"')
        {
            var builder = new System.Text.StringBuilder();
            i++;
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }
                builder.Append(text[i]);
                i++;
            }
            i++; // the closing quote
            return builder.ToString();
        }
        var start = i;
        while (i < text.Length && text[i] is not (';' or ','))
        {
            i++;
        }
        return text[start..i].Trim();
    }
}
