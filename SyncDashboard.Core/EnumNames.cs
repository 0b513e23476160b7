namespace SyncDashboard.Core;

/// <summary>
/// Reads an enum value from a URL or a form by its name only (any case, blanks around it ignored): not by number
/// (<c>3</c>, <c>+1</c>) and not as a comma list (<c>synced,mapped</c>), both of which <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>
/// accepts and turns into some other value.
/// </summary>
public static class EnumNames
{
    /// <summary>True and the value when <paramref name="text"/> is one of <typeparamref name="T"/>'s names; false otherwise (null or blank too).</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var name = text.Trim();
        foreach (var candidate in Enum.GetNames<T>())
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse<T>(candidate);
                return true;
            }
        }
        return false;
    }
}
