using GraphQL;
using GraphQL.Types;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// <c>InventoryLevel</c>: an item's quantities at one location. <c>quantities(names:)</c> answers
/// each name asked for: <c>available</c> and <c>on_hand</c> are the stock (the demo stores commit
/// and reserve nothing), the other states are 0. Names from shopify.dev "Inventory quantities and states".
/// </summary>
internal sealed class InventoryLevelType : ObjectGraphType<ShopifyInventoryLevel>
{
    public static readonly string[] QuantityNames =
        ["available", "committed", "damaged", "incoming", "on_hand", "quality_control", "reserved", "safety_stock"];

    public InventoryLevelType()
    {
        Name = "InventoryLevel";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => Gid.InventoryLevel(ctx.Source.LocationId, ctx.Source.InventoryItemId));
        Field<NonNullGraphType<LocationType>>("location").Resolve(ctx => ctx.Store().Catalogue.GetLocation(ctx.Source.LocationId));
        Field<NonNullGraphType<InventoryItemType>>("item").Resolve(ctx =>
        {
            var owner = ctx.Store().Catalogue.FindInventoryItem(ctx.Source.InventoryItemId);
            return owner is { } found ? new InventoryItemNode(found.Product, found.Variant) : null;
        });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InventoryQuantityType>>>>("quantities")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("names")
            .Resolve(ctx =>
            {
                var names = ctx.GetArgument<List<string>>("names");
                var unknown = names.FirstOrDefault(n => !QuantityNames.Contains(n));
                if (unknown is not null)
                {
                    throw new ExecutionError($"The quantity name '{unknown}' is not valid. Valid names: {string.Join(", ", QuantityNames)}.") { Code = "BAD_REQUEST" };
                }
                var stock = ctx.Source.Available ?? 0;
                return names.Select(n => new InventoryQuantityNode(n, n is "available" or "on_hand" ? stock : 0, ctx.Source.UpdatedAt)).ToList();
            });
        Field<ShopifyDateTimeGraphType>("updatedAt").Resolve(ctx => ctx.Source.UpdatedAt);
    }
}

/// <summary>One named quantity of an inventory level.</summary>
internal sealed record InventoryQuantityNode(string Name, int Quantity, DateTimeOffset? UpdatedAt);

/// <summary><c>InventoryQuantity</c>: a named quantity (available, on_hand, ...).</summary>
internal sealed class InventoryQuantityType : ObjectGraphType<InventoryQuantityNode>
{
    public InventoryQuantityType()
    {
        Name = "InventoryQuantity";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("quantity").Resolve(ctx => ctx.Source.Quantity);
        Field<ShopifyDateTimeGraphType>("updatedAt").Resolve(ctx => ctx.Source.UpdatedAt);
    }
}
