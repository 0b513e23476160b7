using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.InputObjects;

/// <summary>The GraphQL input type of <see cref="InventoryLevelInput"/>.</summary>
internal sealed class InventoryLevelInputType : InputObjectGraphType<InventoryLevelInput>
{
    public InventoryLevelInputType()
    {
        Name = "InventoryLevelInput";
        Field<NonNullGraphType<IdGraphType>>("locationId");
        Field<NonNullGraphType<IntGraphType>>("availableQuantity");
    }
}
