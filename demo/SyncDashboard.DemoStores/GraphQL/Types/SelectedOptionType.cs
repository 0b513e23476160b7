using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>SelectedOption</c>: one option value of a variant, for example Size = M.</summary>
internal sealed class SelectedOptionType : ObjectGraphType<(string Name, string Value)>
{
    public SelectedOptionType()
    {
        Name = "SelectedOption";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("value").Resolve(ctx => ctx.Source.Value);
    }
}
