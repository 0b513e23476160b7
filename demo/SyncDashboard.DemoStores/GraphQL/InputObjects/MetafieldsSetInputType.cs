using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.InputObjects;

/// <summary>The GraphQL input type of <see cref="MetafieldsSetInput"/>.</summary>
internal sealed class MetafieldsSetInputType : InputObjectGraphType<MetafieldsSetInput>
{
    public MetafieldsSetInputType()
    {
        Name = "MetafieldsSetInput";
        Field<NonNullGraphType<IdGraphType>>("ownerId");
        Field<StringGraphType>("namespace");
        Field<NonNullGraphType<StringGraphType>>("key");
        Field<StringGraphType>("type");
        Field<NonNullGraphType<StringGraphType>>("value");
        Field<StringGraphType>("compareDigest");
    }

    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        var input = (MetafieldsSetInput)base.ParseDictionary(value);
        input.CompareDigestGiven = value.ContainsKey("compareDigest");
        return input;
    }
}
