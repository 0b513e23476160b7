using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>ProductSetPayload</c>: the product (synchronous mode) and the user errors.</summary>
internal sealed class ProductSetPayloadType : ObjectGraphType<(ShopifyProduct? Product, IReadOnlyList<UserError> Errors)>
{
    public ProductSetPayloadType()
    {
        Name = "ProductSetPayload";
        Field<ProductType>("product").Resolve(ctx => ctx.Source.Product);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductSetUserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary><c>ProductDeletePayload</c>: the id of the deleted product and the user errors.</summary>
internal sealed class ProductDeletePayloadType : ObjectGraphType<(string? DeletedProductId, IReadOnlyList<UserError> Errors)>
{
    public ProductDeletePayloadType()
    {
        Name = "ProductDeletePayload";
        Field<IdGraphType>("deletedProductId").Resolve(ctx => ctx.Source.DeletedProductId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductDeleteUserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary><c>InventorySetQuantitiesPayload</c>: the adjustment group (null when refused) and the user errors.</summary>
internal sealed class InventorySetQuantitiesPayloadType : ObjectGraphType<(InventorySetResult Result, string Reason, string? ReferenceDocumentUri, DateTimeOffset At)>
{
    public InventorySetQuantitiesPayloadType()
    {
        Name = "InventorySetQuantitiesPayload";
        Field<InventoryAdjustmentGroupType>("inventoryAdjustmentGroup")
            .Resolve(ctx => ctx.Source.Result.Errors.Count > 0 ? null : ctx.Source);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InventorySetQuantitiesUserErrorType>>>>("userErrors")
            .Resolve(ctx => ctx.Source.Result.Errors);
    }
}

/// <summary><c>InventoryAdjustmentGroup</c>: when, why and what changed.</summary>
internal sealed class InventoryAdjustmentGroupType : ObjectGraphType<(InventorySetResult Result, string Reason, string? ReferenceDocumentUri, DateTimeOffset At)>
{
    public InventoryAdjustmentGroupType()
    {
        Name = "InventoryAdjustmentGroup";
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Resolve(ctx => ctx.Source.At);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(ctx => ctx.Source.Reason);
        Field<StringGraphType>("referenceDocumentUri").Resolve(ctx => ctx.Source.ReferenceDocumentUri);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InventoryChangeType>>>>("changes").Resolve(ctx => ctx.Source.Result.Changes);
    }
}

/// <summary><c>InventoryChange</c>: a quantity name's delta and value after the change at an item and location.</summary>
internal sealed class InventoryChangeType : ObjectGraphType<InventoryChange>
{
    public InventoryChangeType()
    {
        Name = "InventoryChange";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("delta").Resolve(ctx => ctx.Source.Delta);
        Field<IntGraphType>("quantityAfterChange").Resolve(ctx => ctx.Source.QuantityAfterChange);
        Field<InventoryItemType>("item").Resolve(ctx =>
        {
            var owner = ctx.Store().Catalogue.FindInventoryItem(ctx.Source.ItemId);
            return owner is { } found ? new InventoryItemNode(found.Product, found.Variant) : null;
        });
        Field<LocationType>("location").Resolve(ctx => ctx.Store().Catalogue.GetLocation(ctx.Source.LocationId));
    }
}

/// <summary><c>WebhookSubscriptionCreatePayload</c>.</summary>
internal sealed class WebhookSubscriptionCreatePayloadType : ObjectGraphType<(ShopifyWebhook? Subscription, IReadOnlyList<UserError> Errors)>
{
    public WebhookSubscriptionCreatePayloadType()
    {
        Name = "WebhookSubscriptionCreatePayload";
        Field<WebhookSubscriptionType>("webhookSubscription").Resolve(ctx => ctx.Source.Subscription);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary><c>WebhookSubscriptionDeletePayload</c>.</summary>
internal sealed class WebhookSubscriptionDeletePayloadType : ObjectGraphType<(string? DeletedId, IReadOnlyList<UserError> Errors)>
{
    public WebhookSubscriptionDeletePayloadType()
    {
        Name = "WebhookSubscriptionDeletePayload";
        Field<IdGraphType>("deletedWebhookSubscriptionId").Resolve(ctx => ctx.Source.DeletedId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.Errors);
    }
}
