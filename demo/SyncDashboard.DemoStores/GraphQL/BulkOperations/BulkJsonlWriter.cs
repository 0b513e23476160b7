using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL.Types;
using GraphQLParser.AST;
using static SyncDashboard.DemoStores.GraphQL.Selections;

namespace SyncDashboard.DemoStores.GraphQL.BulkOperations;

/// <summary>
/// Writes a bulk query's answers as Shopify's JSONL (shopify.dev "Perform bulk operations with the
/// GraphQL Admin API", "The JSONL data format"): one line per node of a connection, holding what the
/// query selected of it except its nested connections; each node of a nested connection on its own
/// line with <c>__parentId</c>, the GID of the node whose line encloses it (a product for its
/// variants, a variant for its <c>inventoryItem.inventoryLevels</c>). Lines are in connection order,
/// each parent immediately followed by all its children (depth first), so parents always come before
/// their children and the output is also what <c>groupObjects: true</c> promises. A top-level field
/// that is an object, not a connection, is written as one line too. <c>cursor</c> and
/// <c>pageInfo</c> are left out. UTF-8, <c>\n</c> after each line.
/// </summary>
internal sealed class BulkJsonlWriter(Stream output, BulkQueryPlan plan, ISchema schema, BulkOperation operation)
{
    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Bytes written so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>Writes the lines of one execution's <c>data</c> (one page of the top-level connection).</summary>
    public void WritePage(JsonObject data)
    {
        var root = (IComplexGraphType)schema.Query;
        foreach (var field in Fields(plan.Document, plan.Operation.SelectionSet))
        {
            var type = FieldType(root, field);
            var value = data[Key(field)];
            if (IsConnection(type))
            {
                WriteConnection(field, (IComplexGraphType)type!, value, parentId: null);
            }
            else if (type is IComplexGraphType complex && value is JsonObject node && field.SelectionSet is { } set)
            {
                WriteNode(node, [set], complex, parentId: null);
            }
        }
    }

    private void WriteConnection(GraphQLField field, IComplexGraphType connection, JsonNode? value, string? parentId)
    {
        if (value is not JsonObject answer)
        {
            return;
        }
        var (sets, nodesKey, edgesKey, nodeKey) = NodeSelections(plan.Document, field);
        var nodes = nodesKey is not null
            ? (answer[nodesKey] as JsonArray)?.OfType<JsonObject>()
            : (answer[edgesKey!] as JsonArray)?.Select(edge => (edge as JsonObject)?[nodeKey!] as JsonObject).OfType<JsonObject>();
        var nodeType = NodeType(connection);
        foreach (var node in nodes ?? [])
        {
            WriteNode(node, sets, nodeType, parentId);
        }
    }

    private void WriteNode(JsonObject node, IReadOnlyList<GraphQLSelectionSet> sets, IComplexGraphType type, string? parentId)
    {
        var line = new JsonObject();
        var children = new List<(GraphQLField Field, IComplexGraphType Type, JsonNode? Value)>();
        foreach (var set in sets)
        {
            Copy(node, set, type, line, children);
        }
        var id = line[BulkQueryPlan.NodeIdAlias]?.GetValue<string>();
        line.Remove(BulkQueryPlan.NodeIdAlias);
        if (parentId is not null)
        {
            line["__parentId"] = parentId;
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, LineOptions);
        output.Write(bytes);
        output.WriteByte((byte)'\n');
        Bytes += bytes.Length + 1;
        operation.CountObject(root: parentId is null);
        foreach (var (field, connection, value) in children)
        {
            WriteConnection(field, connection, value, id);
        }
    }

    /// <summary>Copies what <paramref name="set"/> selects of <paramref name="source"/>, nested connections set aside as children.</summary>
    private void Copy(JsonObject source, GraphQLSelectionSet set, IComplexGraphType type, JsonObject target,
        List<(GraphQLField Field, IComplexGraphType Type, JsonNode? Value)> children)
    {
        foreach (var field in Fields(plan.Document, set))
        {
            var key = Key(field);
            if (!source.TryGetPropertyValue(key, out var value))
            {
                continue;
            }
            var fieldType = FieldType(type, field);
            if (IsConnection(fieldType))
            {
                if (!children.Any(c => Key(c.Field) == key))
                {
                    children.Add((field, (IComplexGraphType)fieldType!, value));
                }
                continue;
            }
            target[key] = fieldType is IComplexGraphType complex && field.SelectionSet is { } inner
                ? CopyObject(value, inner, complex, children)
                : value?.DeepClone();
        }
    }

    private JsonNode? CopyObject(JsonNode? value, GraphQLSelectionSet set, IComplexGraphType type,
        List<(GraphQLField Field, IComplexGraphType Type, JsonNode? Value)> children)
    {
        switch (value)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                Copy(obj, set, type, copy, children);
                return copy;
            case JsonArray list:
                return new JsonArray([.. list.Select(item => CopyObject(item, set, type, children))]);
            default:
                return value?.DeepClone();
        }
    }
}
