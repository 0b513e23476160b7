using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// Shopify's <c>UnsignedInt64</c> scalar: an unsigned 64-bit integer serialized as a string, for
/// example <c>"57"</c> (shopify.dev scalars/UnsignedInt64).
/// </summary>
internal sealed class UnsignedInt64GraphType : ScalarGraphType
{
    public UnsignedInt64GraphType()
    {
        Name = "UnsignedInt64";
        Description = "An unsigned 64-bit integer, represented as a string.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue s => Parse((string)s.Value),
        GraphQLIntValue i => Parse((string)i.Value),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string s => Parse(s),
        int i when i >= 0 => (ulong)i,
        long l when l >= 0 => (ulong)l,
        ulong u => u,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    private static ulong Parse(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"Invalid value for UnsignedInt64: \"{text}\".");
}
