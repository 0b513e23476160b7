using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// The paging arguments every Shopify connection takes: <c>first</c> or <c>last</c> (1 to
/// <see cref="MaxPageSize"/>; a product's own <c>variants</c> up to 2,048), <c>after</c>,
/// <c>before</c> and <c>reverse</c>. One of <c>first</c> and <c>last</c> is required, as Shopify's
/// "you must provide one of first or last" error says.
/// </summary>
internal sealed record ConnectionArguments(int? First, int? Last, string? After, string? Before, bool Reverse)
{
    public const int MaxPageSize = 250;

    /// <summary>Declares the arguments on a connection field.</summary>
    public static void AddTo<TSource, TReturn>(FieldBuilder<TSource, TReturn> field)
    {
        field.Argument<IntGraphType>("first", "The first n elements from the paginated list.");
        field.Argument<IntGraphType>("last", "The last n elements from the paginated list.");
        field.Argument<StringGraphType>("after", "The elements that come after the specified cursor.");
        field.Argument<StringGraphType>("before", "The elements that come before the specified cursor.");
        field.Argument<BooleanGraphType>("reverse", "Reverse the order of the underlying list.", a => a.DefaultValue = false);
    }

    /// <summary>
    /// Reads and checks the arguments; a refusal is a GraphQL error naming the field, as Shopify's are.
    /// In a bulk operation's run, <c>first</c>, <c>last</c>, <c>after</c> and <c>before</c> are ignored
    /// and every node is given (shopify.dev "Perform bulk operations with the GraphQL Admin API").
    /// </summary>
    public static ConnectionArguments From(IResolveFieldContext context, int maxPageSize = MaxPageSize)
    {
        if (context.UserContext is DemoStoreGraphQLContext { Bulk: not null })
        {
            return new ConnectionArguments(null, null, null, null, context.GetArgument("reverse", false));
        }
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        var field = context.FieldDefinition.Name;
        if (first is null && last is null)
        {
            throw new ExecutionError("you must provide one of first or last") { Code = "BAD_REQUEST" };
        }
        if (first is not null && last is not null)
        {
            throw new ExecutionError($"Passing both `first` and `last` to paginate the `{field}` connection is not supported.") { Code = "BAD_REQUEST" };
        }
        if (first is < 0 || first > maxPageSize || last is < 0 || last > maxPageSize)
        {
            throw new ExecutionError($"The `{field}` connection accepts at most {maxPageSize} items per page (first/last).") { Code = "BAD_REQUEST" };
        }
        return new ConnectionArguments(first, last, context.GetArgument<string?>("after"), context.GetArgument<string?>("before"),
            context.GetArgument("reverse", false));
    }

    internal static string EncodeOffset(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"offset:{offset.ToString(CultureInfo.InvariantCulture)}"));

    internal static int DecodeOffset(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("offset:", StringComparison.Ordinal) &&
                int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }
        throw new ExecutionError($"Invalid cursor for current pagination sort.") { Code = "BAD_REQUEST" };
    }
}
