using GraphQL.Types;
using GraphQLParser.AST;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>Reading a query's selections with the schema's types (query costs and bulk queries): fields with fragments spread in place, connections and their nodes.</summary>
internal static class Selections
{
    /// <summary>The fields of a selection set, fragments (inline and named) spread in place.</summary>
    public static IEnumerable<GraphQLField> Fields(GraphQLDocument document, GraphQLSelectionSet? set)
    {
        foreach (var selection in set?.Selections ?? [])
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var field in Fields(document, inline.SelectionSet))
                    {
                        yield return field;
                    }
                    break;
                case GraphQLFragmentSpread spread:
                    var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(f => f.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue);
                    foreach (var field in Fields(document, fragment?.SelectionSet))
                    {
                        yield return field;
                    }
                    break;
            }
        }
    }

    /// <summary>The key of a field in the answer: its alias, else its name.</summary>
    public static string Key(GraphQLField field) => field.Alias?.Name.StringValue ?? field.Name.StringValue;

    /// <summary>The named type under non-null and list wrappers.</summary>
    public static IGraphType? Unwrap(IGraphType? type) => type switch
    {
        NonNullGraphType nonNull => Unwrap(nonNull.ResolvedType),
        ListGraphType list => Unwrap(list.ResolvedType),
        _ => type,
    };

    /// <summary>The type of a field of <paramref name="parent"/>, unwrapped; null for introspection and unknown fields.</summary>
    public static IGraphType? FieldType(IComplexGraphType parent, GraphQLField field) =>
        field.Name.StringValue.StartsWith("__", StringComparison.Ordinal) ? null : Unwrap(parent.GetField(field.Name.StringValue)?.ResolvedType);

    /// <summary>Whether a type is a connection (<c>ProductConnection</c>, ...): its name ends with Connection and it has <c>nodes</c>.</summary>
    public static bool IsConnection(IGraphType? type) =>
        type is IComplexGraphType complex && complex.Name.EndsWith("Connection", StringComparison.Ordinal) && complex.GetField("nodes") is not null;

    /// <summary>The node type of a connection.</summary>
    public static IComplexGraphType NodeType(IComplexGraphType connection) =>
        (IComplexGraphType)Unwrap(connection.GetField("nodes")!.ResolvedType)!;

    /// <summary>
    /// The selection sets a connection field asks of its nodes, with where they are in the answer:
    /// those of its <c>nodes</c> fields, else those of <c>edges { node }</c>. <c>cursor</c> and
    /// <c>pageInfo</c> are ignored, as in Shopify's bulk queries.
    /// </summary>
    public static (IReadOnlyList<GraphQLSelectionSet> Sets, string? NodesKey, string? EdgesKey, string? NodeKey) NodeSelections(GraphQLDocument document, GraphQLField connection)
    {
        var parts = Fields(document, connection.SelectionSet).ToList();
        var nodes = parts.Where(p => p.Name.StringValue == "nodes" && p.SelectionSet is not null).ToList();
        if (nodes.Count > 0)
        {
            return (nodes.Select(n => n.SelectionSet!).ToList(), Key(nodes[0]), null, null);
        }
        var edges = parts.Where(p => p.Name.StringValue == "edges").ToList();
        var node = edges.SelectMany(e => Fields(document, e.SelectionSet)).Where(f => f.Name.StringValue == "node" && f.SelectionSet is not null).ToList();
        if (node.Count == 0)
        {
            return ([], null, null, null);
        }
        return (node.Select(n => n.SelectionSet!).ToList(), null, Key(edges[0]), Key(node[0]));
    }
}
