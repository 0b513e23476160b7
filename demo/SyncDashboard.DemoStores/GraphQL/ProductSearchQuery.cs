using System.Globalization;
using System.Text.RegularExpressions;
using GraphQL;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// The <c>query:</c> argument of <c>products</c> and <c>productsCount</c>, in Shopify's search
/// syntax (shopify.dev "Shopify API search syntax"): terms joined by spaces or <c>AND</c>, each
/// <c>field:value</c> with <c>:&gt;</c>, <c>:&gt;=</c>, <c>:&lt;</c>, <c>:&lt;=</c> for dates and ids,
/// values quoted when they hold spaces. Served: <c>updated_at</c>, <c>created_at</c>, <c>id</c>,
/// <c>status</c> (comma-separated), <c>title</c>, <c>vendor</c>, <c>product_type</c>, <c>handle</c>;
/// a bare word searches titles. <c>OR</c> and negation are refused with an error naming them.
/// </summary>
internal static partial class ProductSearchQuery
{
    public static ProductQuery Parse(string? search)
    {
        var query = new ProductQuery();
        if (string.IsNullOrWhiteSpace(search))
        {
            return query;
        }
        foreach (Match term in Term().Matches(search))
        {
            var field = term.Groups["field"].Success ? term.Groups["field"].Value.ToLowerInvariant() : null;
            var op = term.Groups["op"].Value;
            var value = term.Groups["value"].Value.Trim('\'', '"');
            if (field is null && value is "AND")
            {
                continue;
            }
            if (field is null && (value is "OR" || value.StartsWith('-')))
            {
                throw new ExecutionError($"The demo store's search supports AND only, not '{value}'.") { Code = "BAD_REQUEST" };
            }
            query = field switch
            {
                null => query with { Title = value },
                "title" => query with { Title = value.TrimEnd('*') },
                "vendor" => query with { Vendors = [value] },
                "product_type" => query with { ProductType = value },
                "handle" => query with { Handles = [value] },
                "status" => query with { Statuses = value.ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries).ToHashSet() },
                "id" when op is ">" => query with { SinceId = Long(value) },
                "id" when op is ">=" => query with { SinceId = Long(value) - 1 },
                "id" => query with { Ids = [Long(value)] },
                "updated_at" or "created_at" => WithDate(query, field, op, Date(value)),
                _ => throw new ExecutionError($"The demo store's product search does not support the field '{field}'.") { Code = "BAD_REQUEST" },
            };
        }
        return query;
    }

    private static ProductQuery WithDate(ProductQuery query, string field, string op, DateTimeOffset at)
    {
        // The demo store keeps whole seconds: "after 10:00:00.5" is "from 10:00:01", "before 10:00:00" is "up to 09:59:59".
        var floor = at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerSecond));
        var ceiling = floor == at ? at : floor.AddSeconds(1);
        var min = op switch { ">" => floor.AddSeconds(1), ">=" => ceiling, "" => at, _ => (DateTimeOffset?)null };
        var max = op switch { "<" => ceiling.AddSeconds(-1), "<=" => floor, "" => at, _ => (DateTimeOffset?)null };
        return field == "updated_at"
            ? query with { UpdatedAtMin = min ?? query.UpdatedAtMin, UpdatedAtMax = max ?? query.UpdatedAtMax }
            : query with { CreatedAtMin = min ?? query.CreatedAtMin, CreatedAtMax = max ?? query.CreatedAtMax };
    }

    private static long Long(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : Gid.TryParse(value, "Product") ?? throw new ExecutionError($"'{value}' is not a product id.") { Code = "BAD_REQUEST" };

    private static DateTimeOffset Date(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new ExecutionError($"'{value}' is not a date.") { Code = "BAD_REQUEST" };

    [GeneratedRegex(@"(?:(?<field>[a-zA-Z_]+):(?<op>>=|<=|>|<)?)?(?<value>'[^']*'|""[^""]*""|[^\s]+)")]
    private static partial Regex Term();
}
