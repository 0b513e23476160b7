using System.Globalization;
using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// Shopify's <c>DateTime</c> scalar: an ISO 8601 UTC time to the second, for example
/// <c>"2026-11-30T04:37:13Z"</c> (shopify.dev, scalars/DateTime); reads any ISO 8601 time.
/// </summary>
internal sealed class DateTimeScalar : DateTimeOffsetGraphType
{
    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "An ISO-8601 encoded UTC date time string, for example 2019-09-07T15:50:00Z.";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTime at => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => base.Serialize(value),
    };
}
