using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>WebhookSubscription</c>: a topic delivered to a URI (<c>uri</c> since 2025-04; the older
/// <c>endpoint</c> union is not served), in JSON, for an API version.
/// </summary>
internal sealed class WebhookSubscriptionType : ObjectGraphType<ShopifyWebhook>
{
    public WebhookSubscriptionType()
    {
        Name = "WebhookSubscription";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Gid.For("WebhookSubscription", ctx.Source.Id!.Value));
        Field<NonNullGraphType<WebhookSubscriptionTopicEnum>>("topic").Resolve(ctx => ctx.Source.Topic);
        Field<NonNullGraphType<StringGraphType>>("uri").Resolve(ctx => ctx.Source.Address);
        Field<NonNullGraphType<WebhookSubscriptionFormatEnum>>("format").Resolve(ctx => ctx.Source.Format ?? "json");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("includeFields").Resolve(ctx => ctx.Source.Fields ?? []);
        Field<NonNullGraphType<ApiVersionType>>("apiVersion").Resolve(ctx => ctx.Source.ApiVersion);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("updatedAt").Resolve(ctx => ctx.Source.UpdatedAt);
    }
}

/// <summary><c>ApiVersion</c>: a version handle such as <c>2026-10</c>.</summary>
internal sealed class ApiVersionType : ObjectGraphType<string>
{
    public ApiVersionType()
    {
        Name = "ApiVersion";
        Field<NonNullGraphType<StringGraphType>>("handle").Resolve(ctx => ctx.Source);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(ctx => ctx.Source);
        Field<NonNullGraphType<BooleanGraphType>>("supported").Resolve(_ => true);
    }
}
