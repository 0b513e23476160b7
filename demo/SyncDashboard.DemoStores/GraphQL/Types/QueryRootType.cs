using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.GraphQL.BulkOperations;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>QueryRoot</c>: the reads SyncDashboard and common clients make: <c>shop</c>, <c>products</c>
/// (a cursor connection in id order with <c>query:</c>), <c>product(id:)</c>, <c>productsCount</c>,
/// <c>bulkOperation(id:)</c> and <c>currentBulkOperation</c>,
/// <c>inventoryItem(id:)</c>, <c>location</c>/<c>locations</c> and <c>webhookSubscriptions</c>.
/// </summary>
internal sealed class QueryRootType : ObjectGraphType
{
    /// <summary><c>productsCount</c> counts up to this many unless given a <c>limit</c> (Shopify's default).</summary>
    public const int DefaultCountLimit = 10_000;

    public QueryRootType()
    {
        Name = "QueryRoot";
        Field<NonNullGraphType<ShopType>>("shop").Resolve(ctx => ctx.Store());

        var products = Field<NonNullGraphType<ConnectionType<ProductType, ShopifyProduct>>>("products")
            .Argument<StringGraphType>("query", "Shopify search syntax, for example updated_at:>'2026-11-01T00:00:00Z'.")
            .Argument<StringGraphType>("sortKey", "ID (the only order served).");
        ConnectionArguments.AddTo(products);
        products.Resolve(ctx => Products(ctx));

        Field<ProductType>("product").Argument<NonNullGraphType<IdGraphType>>("id").Resolve(ctx =>
        {
            var id = Gid.TryParse(ctx.GetArgument<string>("id"), "Product");
            try
            {
                return id is null ? null : ctx.Store().Catalogue.GetProductCopy(id.Value);
            }
            catch (DemoStoreNotFoundException)
            {
                return null;
            }
        });

        Field<CountType>("productsCount")
            .Argument<StringGraphType>("query")
            .Argument<IntGraphType>("limit", "Counts up to this many (default 10,000; null for no limit).", a => a.DefaultValue = DefaultCountLimit)
            .Resolve(ctx =>
            {
                var count = ctx.Store().Catalogue.CountProducts(ProductSearchQuery.Parse(ctx.GetArgument<string?>("query")));
                var limit = ctx.GetArgument<int?>("limit");
                return limit is { } max && count > max ? ((long)max, false) : (count, true);
            });

        Field<BulkOperationGraphType>("currentBulkOperation")
            .Description("The app's most recent bulk operation of the type (deprecated from 2026-01 in favour of bulkOperation(id:)).")
            .Argument<BulkOperationTypeEnum>("type", a => a.DefaultValue = BulkOperationStatus.QueryType)
            .Resolve(ctx => ctx.Store().BulkOperations?.Current(ctx.GetArgument("type", BulkOperationStatus.QueryType)));
        Field<BulkOperationGraphType>("bulkOperation")
            .Description("A bulk operation by its GID (2026-01 and later); null when the store has none.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(ctx => ctx.Store().BulkOperations?.Find(ctx.GetArgument<string>("id")));

        Field<InventoryItemType>("inventoryItem").Argument<NonNullGraphType<IdGraphType>>("id").Resolve(ctx =>
        {
            var id = Gid.TryParse(ctx.GetArgument<string>("id"), "InventoryItem");
            return id is not null && ctx.Store().Catalogue.FindInventoryItem(id.Value) is { } owner
                ? new InventoryItemNode(owner.Product, owner.Variant)
                : null;
        });

        Field<LocationType>("location")
            .Argument<IdGraphType>("id", "The location; the primary location when omitted.")
            .Resolve(ctx =>
            {
                var catalogue = ctx.Store().Catalogue;
                var gid = ctx.GetArgument<string?>("id");
                var id = gid is null ? catalogue.PrimaryLocationId : Gid.TryParse(gid, "Location");
                return catalogue.ListLocations().FirstOrDefault(l => l.Id == id);
            });
        var locations = Field<NonNullGraphType<ConnectionType<LocationType, ShopifyLocation>>>("locations");
        ConnectionArguments.AddTo(locations);
        locations.Resolve(ctx => ConnectionPage<ShopifyLocation>.Slice(ctx.Store().Catalogue.ListLocations(), ConnectionArguments.From(ctx)));

        var webhooks = Field<NonNullGraphType<ConnectionType<WebhookSubscriptionType, ShopifyWebhook>>>("webhookSubscriptions")
            .Argument<ListGraphType<NonNullGraphType<WebhookSubscriptionTopicEnum>>>("topics")
            .Argument<StringGraphType>("uri");
        ConnectionArguments.AddTo(webhooks);
        webhooks.Resolve(ctx =>
        {
            var topics = ctx.GetArgument<List<string>?>("topics");
            var all = ctx.Store().Catalogue.ListWebhooks(null, ctx.GetArgument<string?>("uri"), ofApp: ctx.Store().SignedByApp)
                .Where(w => topics is null || topics.Contains(w.Topic!))
                .ToList();
            return ConnectionPage<ShopifyWebhook>.Slice(all, ConnectionArguments.From(ctx));
        });
    }

    /// <summary>
    /// A page of products after or before a product cursor (the product's id, opaque to clients). In a
    /// bulk operation's run: the next <see cref="BulkPaging.PageSize"/> products in id order, and the
    /// run told where the following page starts.
    /// </summary>
    private static ConnectionPage<ShopifyProduct> Products(IResolveFieldContext ctx)
    {
        if (ctx.Store().Bulk is { } bulk)
        {
            var start = bulk.After is null ? null : new PageCursor(CursorDirection.Next, DecodeId(bulk.After), []);
            var (found, _, more) = ctx.Store().Catalogue.ListProductCopies(ProductSearchQuery.Parse(ctx.GetArgument<string?>("query")), start, bulk.PageSize);
            var edges = found.Select(p => (EncodeId(p.Id!.Value), p)).ToList();
            bulk.Served(edges.Count > 0 ? edges[^1].Item1 : null, more);
            return new ConnectionPage<ShopifyProduct>(edges, bulk.After is not null, more);
        }
        var arguments = ConnectionArguments.From(ctx);
        var query = ProductSearchQuery.Parse(ctx.GetArgument<string?>("query"));
        var after = arguments.After is null ? (long?)null : DecodeId(arguments.After);
        var before = arguments.Before is null ? (long?)null : DecodeId(arguments.Before);
        // Reversed, "first after" walks backwards from the cursor and "last before" forwards.
        var forward = arguments.First is not null != arguments.Reverse;
        var from = arguments.First is not null ? after : before;
        var cursor = forward
            ? (from is null ? null : new PageCursor(CursorDirection.Next, from.Value, []))
            : new PageCursor(CursorDirection.Previous, from ?? long.MaxValue, []);
        var (page, hasPrevious, hasNext) = ctx.Store().Catalogue.ListProductCopies(query, cursor, arguments.First ?? arguments.Last!.Value);
        var items = page.ToList();
        if (arguments.Reverse)
        {
            items.Reverse();
            (hasPrevious, hasNext) = (hasNext, hasPrevious);
        }
        return new ConnectionPage<ShopifyProduct>(items.Select(p => (EncodeId(p.Id!.Value), p)).ToList(), hasPrevious, hasNext);
    }

    private static string EncodeId(long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"product:{id.ToString(CultureInfo.InvariantCulture)}"));

    private static long DecodeId(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("product:", StringComparison.Ordinal) &&
                long.TryParse(text.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }
        catch (FormatException)
        {
        }
        throw new ExecutionError("Invalid cursor for current pagination sort.") { Code = "BAD_REQUEST" };
    }
}
