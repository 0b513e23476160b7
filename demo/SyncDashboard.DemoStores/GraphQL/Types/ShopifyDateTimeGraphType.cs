using System.Globalization;
using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// Shopify's <c>DateTime</c> scalar: an ISO-8601 UTC date and time, for example
/// <c>"2019-09-07T15:50:00Z"</c> (shopify.dev scalars/DateTime). The demo stores keep times as
/// <see cref="DateTimeOffset"/>, which graphql-dotnet's own <c>DateTime</c> scalar refuses to
/// serialize; this one writes both kinds in UTC to the second.
/// </summary>
internal sealed class ShopifyDateTimeGraphType : DateTimeGraphType
{
    public ShopifyDateTimeGraphType()
    {
        Name = "DateTime";
        Description = "An ISO-8601 encoded UTC date time string, for example 2019-09-07T15:50:00Z.";
    }

    public override object? Serialize(object? value) => value switch
    {
        DateTimeOffset offset => Format(offset.UtcDateTime),
        DateTime dateTime => Format(dateTime.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dateTime, DateTimeKind.Utc) : dateTime.ToUniversalTime()),
        _ => base.Serialize(value),
    };

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
