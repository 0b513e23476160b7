using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.InputObjects;

/// <summary>
/// <c>InventorySetQuantitiesInput</c> (2026-10): <c>name</c> (<c>available</c> or <c>on_hand</c>),
/// <c>reason</c>, an optional <c>referenceDocumentUri</c> and up to 250 <c>quantities</c>.
/// </summary>
internal sealed class InventorySetQuantitiesInput
{
    public string Name { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? ReferenceDocumentUri { get; set; }
    public List<InventoryQuantityInput> Quantities { get; set; } = [];
}

/// <summary>
/// One quantity to set. Since 2026-04 <c>changeFromQuantity</c> must be present: the value the
/// caller believes is stored (compare-and-set), or an explicit null to skip the check.
/// </summary>
internal sealed class InventoryQuantityInput
{
    public string InventoryItemId { get; set; } = "";
    public string LocationId { get; set; } = "";
    public int Quantity { get; set; }
    public int? ChangeFromQuantity { get; set; }

    /// <summary>Whether the request carried <c>changeFromQuantity</c> at all (null counts as given).</summary>
    public bool ChangeFromQuantityGiven { get; set; }
}

internal sealed class InventorySetQuantitiesInputType : InputObjectGraphType<InventorySetQuantitiesInput>
{
    public InventorySetQuantitiesInputType()
    {
        Name = "InventorySetQuantitiesInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("reason");
        Field<StringGraphType>("referenceDocumentUri");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InventoryQuantityInputType>>>>("quantities");
    }
}

internal sealed class InventoryQuantityInputType : InputObjectGraphType<InventoryQuantityInput>
{
    public InventoryQuantityInputType()
    {
        Name = "InventoryQuantityInput";
        Field<NonNullGraphType<IdGraphType>>("inventoryItemId");
        Field<NonNullGraphType<IdGraphType>>("locationId");
        Field<NonNullGraphType<IntGraphType>>("quantity");
        Field<IntGraphType>("changeFromQuantity");
    }

    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        var input = (InventoryQuantityInput)base.ParseDictionary(value);
        input.ChangeFromQuantityGiven = value.ContainsKey("changeFromQuantity");
        return input;
    }
}
