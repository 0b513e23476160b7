namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// A mutation's <c>userErrors</c> entry: the path to the input field at fault (for example
/// <c>["input", "variants", "0", "price"]</c>), a message, and a code from the mutation's error
/// code enum where it has one, and for list inputs that report it (<c>metafieldsSet</c>) the index of
/// the element at fault. A mutation with user errors changes nothing and answers HTTP 200.
/// </summary>
internal sealed record UserError(IReadOnlyList<string>? Field, string Message, string? Code = null, int? ElementIndex = null)
{
    /// <summary>
    /// The REST validation errors of the same rule as user errors under <paramref name="prefix"/>
    /// (<c>{"title": ["can't be blank"]}</c> becomes field <c>[prefix, "title"]</c>, "Title can't be blank").
    /// </summary>
    public static IReadOnlyList<UserError> From(DemoStoreValidationException e, string prefix, string code = "INVALID") =>
        e.Errors.SelectMany(error => error.Value.Select(message =>
            error.Key is DemoStoreValidationException.BaseKey or "base"
                ? new UserError([prefix], message, code)
                : new UserError([prefix, ToCamel(error.Key)], $"{Humanize(error.Key)} {message}", code)))
            .ToList();

    private static string ToCamel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static string Humanize(string snake)
    {
        var text = snake.Replace('_', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
