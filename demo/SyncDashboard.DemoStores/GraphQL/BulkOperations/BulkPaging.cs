namespace SyncDashboard.DemoStores.GraphQL.BulkOperations;

/// <summary>
/// How a bulk query's execution pages through the store (set on the request context while a bulk
/// operation runs). Shopify ignores <c>first</c>, <c>after</c>, <c>cursor</c> and <c>pageInfo</c> in
/// bulk queries (shopify.dev "Perform bulk operations with the GraphQL Admin API", "Write a bulk
/// operation"): every connection gives all its nodes, except the top-level <c>products</c>, which
/// gives <see cref="PageSize"/> products after <see cref="After"/> per execution and records where
/// the next page starts, so the operation runs the query page after page and never holds the whole
/// catalogue. The top-level <c>products</c> keeps its <c>query:</c> filter and runs in id order
/// (<c>reverse</c> and <c>sortKey</c> are not applied there); nested connections keep <c>reverse</c>.
/// </summary>
internal sealed class BulkPaging(int pageSize)
{
    public int PageSize { get; } = pageSize;

    /// <summary>The cursor of the last product written; null for the first page.</summary>
    public string? After { get; private set; }

    /// <summary>Whether products follow the page just executed.</summary>
    public bool HasNext { get; private set; }

    /// <summary>Called by the top-level <c>products</c> resolver with the page it served.</summary>
    public void Served(string? lastCursor, bool hasNext)
    {
        After = lastCursor ?? After;
        HasNext = hasNext && lastCursor is not null;
    }

    /// <summary>Before each execution: nothing seen yet.</summary>
    public void Reset() => HasNext = false;
}
