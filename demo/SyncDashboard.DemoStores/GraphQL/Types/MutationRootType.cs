using GraphQL;
using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.GraphQL.InputObjects;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>Mutation</c>: <c>productSet</c>, <c>productDelete</c>, <c>productVariantsBulkCreate</c>/<c>Update</c>/<c>Delete</c>,
/// <c>metafieldsSet</c>, <c>inventorySetQuantities</c>, <c>bulkOperationRunQuery</c>/<c>Cancel</c> and the
/// webhook subscription mutations. Refusals are <c>userErrors</c> with field paths (HTTP 200);
/// every change raises the same webhooks as the REST API's.
/// </summary>
internal sealed class MutationRootType : ObjectGraphType
{
    public MutationRootType()
    {
        Name = "Mutation";

        Field<ProductSetPayloadType>("productSet")
            .Argument<NonNullGraphType<ProductSetInputType>>("input")
            .Argument<BooleanGraphType>("synchronous", a => a.DefaultValue = true)
            .Argument<ProductSetIdentifiersType>("identifier")
            .Resolve(ctx =>
            {
                if (!ctx.GetArgument("synchronous", true))
                {
                    return ((ShopifyProduct?)null, (IReadOnlyList<UserError>)[new UserError(["synchronous"],
                        "The demo store runs productSet synchronously only.", "INVALID")]);
                }
                using var held = ctx.Store().Catalogue.HoldWebhooks(); // one mutation: its products/create carries the quantities it set
                return ProductSetCommand.Run(ctx.Store().Catalogue, ctx.GetArgument<ProductSetInput>("input"), ctx.GetArgument<ProductSetIdentifiers?>("identifier"));
            });

        Field<ProductDeletePayloadType>("productDelete")
            .Argument<NonNullGraphType<ProductDeleteInputType>>("input")
            .Resolve(ctx =>
            {
                var gid = ctx.GetArgument<ProductDeleteInput>("input").Id;
                var id = Gid.TryParse(gid, "Product");
                try
                {
                    if (id is null)
                    {
                        throw new DemoStoreNotFoundException();
                    }
                    ctx.Store().Catalogue.DeleteProduct(id.Value);
                    return (gid, (IReadOnlyList<UserError>)[]);
                }
                catch (DemoStoreNotFoundException)
                {
                    return ((string?)null, (IReadOnlyList<UserError>)[new UserError(["id"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST")]);
                }
            });

        Field<ProductVariantsBulkCreatePayloadType>("productVariantsBulkCreate")
            .Argument<NonNullGraphType<IdGraphType>>("productId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<ProductVariantsBulkInputType>>>>("variants")
            .Argument<ProductVariantsBulkCreateStrategyEnum>("strategy", a => a.DefaultValue = ProductVariantsBulkCreateStrategyEnum.Default)
            .Resolve(ctx => ProductVariantsBulkCommand.Create(ctx.Store().Catalogue, ctx.GetArgument<string>("productId"),
                ctx.GetArgument<List<ProductVariantsBulkInput>>("variants"),
                ctx.GetArgument("strategy", ProductVariantsBulkCreateStrategyEnum.Default)));

        Field<ProductVariantsBulkUpdatePayloadType>("productVariantsBulkUpdate")
            .Argument<NonNullGraphType<IdGraphType>>("productId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<ProductVariantsBulkInputType>>>>("variants")
            .Argument<BooleanGraphType>("allowPartialUpdates", a => a.DefaultValue = false)
            .Resolve(ctx => ProductVariantsBulkCommand.Update(ctx.Store().Catalogue, ctx.GetArgument<string>("productId"),
                ctx.GetArgument<List<ProductVariantsBulkInput>>("variants"), ctx.GetArgument("allowPartialUpdates", false)));

        Field<ProductVariantsBulkDeletePayloadType>("productVariantsBulkDelete")
            .Argument<NonNullGraphType<IdGraphType>>("productId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("variantsIds")
            .Resolve(ctx => ProductVariantsBulkCommand.Delete(ctx.Store().Catalogue, ctx.GetArgument<string>("productId"),
                ctx.GetArgument<List<string>>("variantsIds")));

        Field<MetafieldsSetPayloadType>("metafieldsSet")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<MetafieldsSetInputType>>>>("metafields")
            .Resolve(ctx => MetafieldsSetCommand.Run(ctx.Store().Catalogue, ctx.GetArgument<List<MetafieldsSetInput>>("metafields")));

        Field<BulkOperationRunQueryPayloadType>("bulkOperationRunQuery")
            .Argument<NonNullGraphType<StringGraphType>>("query", "The query to be executed in bulk.")
            .Argument<NonNullGraphType<BooleanGraphType>>("groupObjects",
                "Group objects under their parents (default false since 2026-01); the demo stores always write each parent followed by its children.",
                a => a.DefaultValue = false)
            .ResolveAsync(async ctx =>
            {
                var store = ctx.Store();
                return (object?)await store.BulkOperations!.StartAsync(ctx.GetArgument<string>("query"), store.ApiVersion, ctx.CancellationToken);
            });

        Field<BulkOperationCancelPayloadType>("bulkOperationCancel")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(ctx => ctx.Store().BulkOperations!.Cancel(ctx.GetArgument<string>("id")));

        Field<InventorySetQuantitiesPayloadType>("inventorySetQuantities")
            .Argument<NonNullGraphType<InventorySetQuantitiesInputType>>("input")
            .Resolve(ctx =>
            {
                var store = ctx.Store();
                var key = IdempotencyKey(ctx);
                var input = ctx.GetArgument<InventorySetQuantitiesInput>("input");
                return (store.Inventory.Run(input, key), input.Reason, input.ReferenceDocumentUri, store.Time.GetUtcNow());
            });

        Field<WebhookSubscriptionCreatePayloadType>("webhookSubscriptionCreate")
            .Argument<NonNullGraphType<WebhookSubscriptionTopicEnum>>("topic")
            .Argument<NonNullGraphType<WebhookSubscriptionInputType>>("webhookSubscription")
            .Resolve(ctx =>
            {
                var store = ctx.Store();
                var input = ctx.GetArgument<WebhookSubscriptionInput>("webhookSubscription");
                try
                {
                    var created = store.Catalogue.CreateWebhook(new ShopifyWebhook
                    {
                        Topic = ctx.GetArgument<string>("topic"),
                        Address = input.Uri,
                        Format = input.Format ?? "json",
                        Fields = input.IncludeFields,
                    }, store.ApiVersion, store.SignedByApp);
                    return (created, (IReadOnlyList<UserError>)[]);
                }
                catch (DemoStoreValidationException e)
                {
                    // The REST rule's "address" is the GraphQL input's "uri".
                    return ((ShopifyWebhook?)null, (IReadOnlyList<UserError>)UserError.From(e, "webhookSubscription")
                        .Select(error => error with
                        {
                            Field = error.Field?.Select(f => f == "address" ? "uri" : f).ToList(),
                            Message = error.Message.Replace("Address", "Uri", StringComparison.Ordinal),
                        })
                        .ToList());
                }
            });

        Field<WebhookSubscriptionDeletePayloadType>("webhookSubscriptionDelete")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(ctx =>
            {
                var gid = ctx.GetArgument<string>("id");
                try
                {
                    ctx.Store().Catalogue.DeleteWebhook(Gid.TryParse(gid, "WebhookSubscription") ?? throw new DemoStoreNotFoundException());
                    return (gid, (IReadOnlyList<UserError>)[]);
                }
                catch (DemoStoreNotFoundException)
                {
                    return ((string?)null, (IReadOnlyList<UserError>)[new UserError(["id"], "Webhook subscription does not exist")]);
                }
            });
    }

    /// <summary>
    /// The <c>@idempotent(key:)</c> of an inventory mutation; required from 2026-04 on
    /// (shopify.dev "Idempotent requests"), optional in older versions.
    /// </summary>
    private static string? IdempotencyKey(IResolveFieldContext ctx)
    {
        var key = ctx.GetDirective("idempotent")?.GetArgument<string>("key");
        if (string.IsNullOrWhiteSpace(key) && string.CompareOrdinal(ctx.Store().ApiVersion, "2026-04") >= 0)
        {
            throw new ExecutionError("The @idempotent directive with a key is required for this mutation from API version 2026-04.")
            {
                Code = "BAD_REQUEST",
            };
        }
        return string.IsNullOrWhiteSpace(key) ? null : key;
    }
}
