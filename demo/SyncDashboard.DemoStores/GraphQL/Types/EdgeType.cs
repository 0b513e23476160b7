using GraphQL;
using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>One edge of a connection: the node and its opaque cursor (<c>ProductEdge</c>, ...).</summary>
internal sealed class EdgeType<TNodeType, TSource> : ObjectGraphType<(string Cursor, TSource Node)>
    where TNodeType : IGraphType
{
    public EdgeType()
    {
        Name = typeof(TNodeType).GraphQLName() + "Edge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Resolve(ctx => ctx.Source.Node);
    }
}
