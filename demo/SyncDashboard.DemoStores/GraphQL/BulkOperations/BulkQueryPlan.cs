using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using static SyncDashboard.DemoStores.GraphQL.Selections;

namespace SyncDashboard.DemoStores.GraphQL.BulkOperations;

/// <summary>
/// A bulk query checked and made ready to run (shopify.dev "Perform bulk operations with the
/// GraphQL Admin API", "Operation restrictions"): one query operation, valid against the schema,
/// selecting a single top-level field, with at least one and at most
/// <see cref="MaxConnections"/> connections, nested at most <see cref="MaxNestingDepth"/> levels
/// below the top-level one. Each connection's nodes are given a hidden <c>id</c> (alias
/// <see cref="NodeIdAlias"/>), so that children can name their parent in <c>__parentId</c> even
/// when the query does not select <c>id</c>; the JSONL writer removes it from the lines.
/// </summary>
internal sealed class BulkQueryPlan
{
    public const int MaxConnections = 5;
    public const int MaxNestingDepth = 2;
    public const string NodeIdAlias = "_bulkNodeId_";

    private BulkQueryPlan(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        Document = document;
        Operation = operation;
    }

    public GraphQLDocument Document { get; }

    public GraphQLOperationDefinition Operation { get; }

    /// <summary>Checks and prepares <paramref name="query"/>; a refusal is the message of Shopify's <c>INVALID</c> user error.</summary>
    public static async Task<(BulkQueryPlan? Plan, string? Error)> PrepareAsync(ISchema schema, string query, CancellationToken cancellationToken)
    {
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            return (null, $"Invalid bulk query: {e.Description}");
        }
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operations.Count != 1 || operations[0].Operation != OperationType.Query)
        {
            return (null, "Invalid bulk query: a bulk query must hold exactly one query operation.");
        }
        var operation = operations[0];
        var validation = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules,
            Variables = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            CancellationToken = cancellationToken,
        });
        if (!validation.IsValid)
        {
            return (null, $"Invalid bulk query: {validation.Errors[0].Message}");
        }

        var roots = Fields(document, operation.SelectionSet).Where(f => !f.Name.StringValue.StartsWith("__", StringComparison.Ordinal)).ToList();
        if (roots.Count != 1)
        {
            return (null, "Bulk queries must select a single top-level field.");
        }
        if (roots[0].Name.StringValue is "node" or "nodes")
        {
            return (null, "The top-level node and nodes fields can't be used in bulk queries.");
        }
        var connections = new List<(GraphQLField Field, IComplexGraphType Type, int Depth)>();
        Walk(document, schema.Query, operation.SelectionSet, depth: -1, connections);
        if (connections.Count == 0)
        {
            return (null, "Bulk queries must contain at least one connection.");
        }
        if (connections.Count > MaxConnections)
        {
            return (null, $"Bulk queries cannot contain more than {MaxConnections} connections.");
        }
        if (connections.Any(c => c.Depth > MaxNestingDepth))
        {
            return (null, $"Bulk queries cannot contain connections nested more than {MaxNestingDepth} levels deep.");
        }
        foreach (var (field, type, _) in connections)
        {
            if (NodeType(type).GetField("id") is null)
            {
                continue;
            }
            foreach (var set in NodeSelections(document, field).Sets)
            {
                if (!set.Selections.OfType<GraphQLField>().Any(f => f.Alias?.Name.StringValue == NodeIdAlias))
                {
                    set.Selections.Add(new GraphQLField(new GraphQLName("id")) { Alias = new GraphQLAlias(new GraphQLName(NodeIdAlias)) });
                }
            }
        }
        return (new BulkQueryPlan(document, operation), null);
    }

    /// <summary>Lists the connections under a selection set with their nesting depth (0 for one no connection encloses).</summary>
    private static void Walk(GraphQLDocument document, IGraphType? type, GraphQLSelectionSet? set, int depth, List<(GraphQLField, IComplexGraphType, int)> connections)
    {
        if (type is not IComplexGraphType complex)
        {
            return;
        }
        foreach (var field in Fields(document, set))
        {
            var fieldType = FieldType(complex, field);
            if (IsConnection(fieldType))
            {
                var connection = (IComplexGraphType)fieldType!;
                connections.Add((field, connection, depth + 1));
                foreach (var nodes in NodeSelections(document, field).Sets)
                {
                    Walk(document, NodeType(connection), nodes, depth + 1, connections);
                }
            }
            else
            {
                Walk(document, fieldType, field.SelectionSet, depth, connections);
            }
        }
    }
}
