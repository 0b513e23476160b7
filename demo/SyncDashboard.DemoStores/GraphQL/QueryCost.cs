using System.Globalization;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// A query's cost as Shopify calculates it (shopify.dev "GraphQL Admin API rate limits"): scalars
/// and enums 0, objects 1, a connection 2 plus, for each node, the node (1) and what is selected in
/// it, a mutation 10. The requested cost counts <c>first</c>/<c>last</c> nodes per connection
/// before the query runs; the actual cost counts the nodes the answer holds.
/// </summary>
internal static class QueryCost
{
    public const int MutationCost = 10;

    /// <summary>The most a single query may cost (Shopify's MAX_COST_EXCEEDED limit).</summary>
    public const int MaxSingleQueryCost = 1_000;

    public static int Requested(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, Inputs variables) =>
        Cost(schema, document, operation, variables, data: null);

    public static int Actual(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, Inputs variables, JsonNode? data) =>
        Cost(schema, document, operation, variables, data ?? new JsonObject());

    private static int Cost(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, Inputs variables, JsonNode? data)
    {
        if (operation.Operation == OperationType.Mutation)
        {
            return MutationCost * Selections.Fields(document, operation.SelectionSet).Count(f => !IsIntrospection(f));
        }
        return new Walker(document, variables, Actual: data is not null).Selection(operation.SelectionSet, schema.Query, data);
    }

    private static bool IsIntrospection(GraphQLField field) => field.Name.StringValue.StartsWith("__", StringComparison.Ordinal);

    private sealed record Walker(GraphQLDocument Document, Inputs Variables, bool Actual)
    {
        public int Selection(GraphQLSelectionSet? set, IGraphType? type, JsonNode? data)
        {
            if (type is not IComplexGraphType complex)
            {
                return 0;
            }
            var cost = 0;
            foreach (var field in Selections.Fields(Document, set))
            {
                if (IsIntrospection(field) || complex.GetField(field.Name.StringValue) is not { } definition)
                {
                    continue;
                }
                var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
                cost += Field(field, Selections.Unwrap(definition.ResolvedType), (data as JsonObject)?[key]);
            }
            return cost;
        }

        private int Field(GraphQLField field, IGraphType? type, JsonNode? value)
        {
            if (type is not IComplexGraphType complex)
            {
                return 0; // scalars and enums
            }
            if (complex.Name.EndsWith("Connection", StringComparison.Ordinal) && complex.GetField("nodes") is { } nodesField)
            {
                var nodeType = Selections.Unwrap(nodesField.ResolvedType);
                var nodeSelections = new List<GraphQLSelectionSet>();
                foreach (var part in Selections.Fields(Document, field.SelectionSet))
                {
                    if (part.Name.StringValue == "nodes" && part.SelectionSet is { } nodes)
                    {
                        nodeSelections.Add(nodes);
                    }
                    if (part.Name.StringValue == "edges")
                    {
                        nodeSelections.AddRange(Selections.Fields(Document, part.SelectionSet)
                            .Where(f => f.Name.StringValue == "node" && f.SelectionSet is not null)
                            .Select(f => f.SelectionSet!));
                    }
                }
                if (!Actual)
                {
                    var size = Argument(field, "first") ?? Argument(field, "last") ?? 0;
                    return 2 + size * (1 + nodeSelections.Sum(s => Selection(s, nodeType, null)));
                }
                var count = Math.Max(((value as JsonObject)?["edges"] as JsonArray)?.Count ?? 0, ((value as JsonObject)?["nodes"] as JsonArray)?.Count ?? 0);
                return 2 + count + nodeSelections.Sum(s => NodesCost(s, nodeType, value));
            }
            if (Actual && value is null)
            {
                return 0; // an object the answer does not hold
            }
            return 1 + Selection(field.SelectionSet, complex, value is JsonArray list ? list.FirstOrDefault() : value);
        }

        /// <summary>The actual cost of what one selection asks of each node the answer holds.</summary>
        private int NodesCost(GraphQLSelectionSet selection, IGraphType? nodeType, JsonNode? connection)
        {
            var nodes = ((connection as JsonObject)?["nodes"] as JsonArray)?.ToList()
                ?? ((connection as JsonObject)?["edges"] as JsonArray)?.Select(e => (e as JsonObject)?["node"]).ToList()
                ?? [];
            return nodes.Sum(node => Selection(selection, nodeType, node));
        }

        private int? Argument(GraphQLField field, string name)
        {
            var argument = field.Arguments?.FirstOrDefault(a => a.Name.StringValue == name);
            return argument?.Value switch
            {
                // A value that is no Int is left to validation (INVALID_VALUE), never a crash here.
                GraphQLIntValue literal => int.TryParse(literal.Value.Span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size) ? Math.Max(0, size) : null,
                GraphQLVariable variable when Variables.TryGetValue(variable.Name.StringValue, out var given) && given is not null =>
                    given switch
                    {
                        int i => Math.Max(0, i),
                        long l and >= 0 and <= int.MaxValue => (int)l,
                        _ => null,
                    },
                _ => null,
            };
        }
    }
}
