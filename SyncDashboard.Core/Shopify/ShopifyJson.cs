using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// JSON settings for Shopify's REST shapes: snake_case names, money as strings.
/// </summary>
public static class ShopifyJson
{
    /// <summary>For requests a client sends: properties left null are omitted (partial updates).</summary>
    public static JsonSerializerOptions Requests { get; } = Create(JsonIgnoreCondition.WhenWritingNull);

    /// <summary>For responses a store sends: every property is written, nulls included, as Shopify does.</summary>
    public static JsonSerializerOptions Responses { get; } = Create(JsonIgnoreCondition.Never);

    private static JsonSerializerOptions Create(JsonIgnoreCondition ignore)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = ignore,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            // Shopify writes HTML and offsets as they are ("<p>", "+00:00"), not as \u003C escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new MoneyConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Reads money from a string ("19.90") or a number and writes it as a string with its scale kept,
    /// so a price round-trips exactly.
    /// </summary>
    private sealed class MoneyConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.String => decimal.Parse(reader.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
                JsonTokenType.Number => reader.GetDecimal(),
                _ => throw new JsonException($"Expected a money amount, found {reader.TokenType}."),
            };

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
