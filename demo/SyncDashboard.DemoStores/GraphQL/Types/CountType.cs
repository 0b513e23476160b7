using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>Count</c>: a number of items and its precision (EXACT, or AT_LEAST when a limit was reached).</summary>
internal sealed class CountType : ObjectGraphType<(long Count, bool Exact)>
{
    public CountType()
    {
        Name = "Count";
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(ctx => (int)Math.Min(ctx.Source.Count, int.MaxValue));
        Field<NonNullGraphType<CountPrecisionEnum>>("precision").Resolve(ctx => ctx.Source.Exact ? "EXACT" : "AT_LEAST");
    }
}
