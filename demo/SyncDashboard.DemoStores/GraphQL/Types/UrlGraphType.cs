using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>Shopify's <c>URL</c> scalar: an RFC 3986 URL as a string (shopify.dev scalars/URL).</summary>
internal sealed class UrlGraphType : StringGraphType
{
    public UrlGraphType()
    {
        Name = "URL";
        Description = "Represents an RFC 3986 and RFC 3987-compliant URI string.";
    }

    public override object? Serialize(object? value) => value is Uri uri ? uri.ToString() : base.Serialize(value);
}
