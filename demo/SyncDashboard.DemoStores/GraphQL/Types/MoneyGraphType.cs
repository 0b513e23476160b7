using System.Globalization;
using GraphQLParser.AST;
using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// Shopify's <c>Money</c> scalar: a decimal amount as a string without currency, for example
/// <c>"19.99"</c> (shopify.dev, scalars/Money). Accepts strings and numbers as input.
/// </summary>
internal sealed class MoneyGraphType : ScalarGraphType
{
    public MoneyGraphType()
    {
        Name = "Money";
        Description = "A monetary value string without a currency symbol or code. Example value: \"100.57\".";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue s => Parse((string)s.Value),
        GraphQLIntValue i => Parse((string)i.Value),
        GraphQLFloatValue f => Parse((string)f.Value),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string s => Parse(s),
        decimal d => d,
        int i => (decimal)i,
        long l => (decimal)l,
        double d => (decimal)d,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    private static decimal Parse(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new FormatException($"Invalid value for Money: \"{text}\".");
}
