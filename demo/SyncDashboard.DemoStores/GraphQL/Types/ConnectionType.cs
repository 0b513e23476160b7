using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary>
/// A Shopify connection (<c>ProductConnection</c>, <c>ProductVariantConnection</c>, ...): <c>edges</c>
/// with <c>cursor</c> and <c>node</c>, the <c>nodes</c> shortcut and <c>pageInfo</c>; the name comes
/// from the node type (<c>ProductType</c> gives <c>ProductConnection</c>).
/// </summary>
internal sealed class ConnectionType<TNodeType, TSource> : ObjectGraphType<ConnectionPage<TSource>>
    where TNodeType : IGraphType
{
    public ConnectionType()
    {
        Name = typeof(TNodeType).GraphQLName() + "Connection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType, TSource>>>>>("edges")
            .Description("The connection's edges: a cursor and a node each.")
            .Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The nodes of the edges, without cursors.")
            .Resolve(ctx => ctx.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Description("Where the page lies in the whole list.")
            .Resolve(ctx => new global::GraphQL.Types.Relay.DataObjects.PageInfo
            {
                HasNextPage = ctx.Source.HasNextPage,
                HasPreviousPage = ctx.Source.HasPreviousPage,
                StartCursor = ctx.Source.Edges.Count > 0 ? ctx.Source.Edges[0].Cursor : null,
                EndCursor = ctx.Source.Edges.Count > 0 ? ctx.Source.Edges[^1].Cursor : null,
            });
    }
}
