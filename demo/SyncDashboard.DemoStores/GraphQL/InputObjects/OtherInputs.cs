using GraphQL.Types;
using SyncDashboard.DemoStores.GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.InputObjects;

/// <summary><c>ProductDeleteInput</c>: the product's GID.</summary>
internal sealed class ProductDeleteInput
{
    public string Id { get; set; } = "";
}

internal sealed class ProductDeleteInputType : InputObjectGraphType<ProductDeleteInput>
{
    public ProductDeleteInputType()
    {
        Name = "ProductDeleteInput";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

/// <summary><c>WebhookSubscriptionInput</c>: where to deliver (<c>uri</c>), the format and the fields to include.</summary>
internal sealed class WebhookSubscriptionInput
{
    public string? Uri { get; set; }
    public string? Format { get; set; }
    public List<string>? IncludeFields { get; set; }
}

internal sealed class WebhookSubscriptionInputType : InputObjectGraphType<WebhookSubscriptionInput>
{
    public WebhookSubscriptionInputType()
    {
        Name = "WebhookSubscriptionInput";
        Field<StringGraphType>("uri");
        Field<WebhookSubscriptionFormatEnum>("format");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("includeFields");
    }
}
