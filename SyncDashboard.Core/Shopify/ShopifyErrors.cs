using System.Text.Json;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// Reads Shopify's error bodies: <c>{"errors": "Not Found"}</c>, <c>{"errors": {"title": ["can't be blank"]}}</c>,
/// <c>{"errors": ["..."]}</c> or <c>{"error": "..."}</c>. Messages that belong to no field are put under <c>base</c>.
/// </summary>
public static class ShopifyErrors
{
    public const string BaseKey = "base";

    /// <summary>The errors of the body by field, empty when it holds none (or is not JSON).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Parse(string? body)
    {
        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body))
        {
            return errors;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return errors;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("errors") || property.NameEquals("error"))
                {
                    Add(errors, property.Value);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page of a proxy, for example): the caller shows the raw text.
        }
        return errors;
    }

    /// <summary>"title: can't be blank; base: ..." — or the body itself, cut short, when it holds no errors.</summary>
    public static string Describe(IReadOnlyDictionary<string, IReadOnlyList<string>> errors, string? body)
    {
        if (errors.Count > 0)
        {
            return string.Join("; ", errors.Select(e => e.Key == BaseKey
                ? string.Join("; ", e.Value)
                : $"{e.Key}: {string.Join(", ", e.Value)}"));
        }
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(no body)";
        }
        var text = body.Trim().ReplaceLineEndings(" ");
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    private static void Add(Dictionary<string, IReadOnlyList<string>> errors, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                Append(errors, BaseKey, [value.GetString()!]);
                break;
            case JsonValueKind.Array:
                Append(errors, BaseKey, Messages(value));
                break;
            case JsonValueKind.Object:
                foreach (var field in value.EnumerateObject())
                {
                    Append(errors, field.Name, Messages(field.Value));
                }
                break;
        }
    }

    private static List<string> Messages(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => [.. value.EnumerateArray().SelectMany(Messages)],
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        _ => [value.GetRawText()],
    };

    private static void Append(Dictionary<string, IReadOnlyList<string>> errors, string field, List<string> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, .. messages] : messages;
    }
}
