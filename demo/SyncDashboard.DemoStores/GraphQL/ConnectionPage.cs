namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>One page of a connection: the nodes with their cursors, and whether pages lie on either side.</summary>
internal sealed record ConnectionPage<T>(IReadOnlyList<(string Cursor, T Node)> Edges, bool HasPreviousPage, bool HasNextPage)
{
    /// <summary>
    /// Slices an in-memory list as Shopify's connections do: <c>first</c> items after the
    /// <c>after</c> cursor or <c>last</c> items before the <c>before</c> cursor. Cursors are the
    /// items' positions, base64-encoded (opaque to clients).
    /// </summary>
    public static ConnectionPage<T> Slice(IReadOnlyList<T> all, ConnectionArguments arguments)
    {
        var start = arguments.After is { } after ? ConnectionArguments.DecodeOffset(after) + 1 : 0;
        var end = arguments.Before is { } before ? ConnectionArguments.DecodeOffset(before) : all.Count;
        start = Math.Clamp(start, 0, all.Count);
        end = Math.Clamp(end, start, all.Count);
        if (arguments.First is { } first)
        {
            end = Math.Min(end, start + first);
        }
        else if (arguments.Last is { } last)
        {
            start = Math.Max(start, end - last);
        }
        var edges = new List<(string, T)>(end - start);
        for (var i = start; i < end; i++)
        {
            edges.Add((ConnectionArguments.EncodeOffset(i), all[i]));
        }
        return new ConnectionPage<T>(edges, HasPreviousPage: start > 0, HasNextPage: end < all.Count);
    }
}
