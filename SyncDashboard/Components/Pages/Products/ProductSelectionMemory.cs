using SyncDashboard.Core.Products;

namespace SyncDashboard.Components.Pages.Products;

/// <summary>
/// The Products page's selection while the merchant is on another page of the dashboard: one per circuit (a browser
/// tab), so ticks made before a look at the Activity Log are still there on the way back. A job started from the
/// selection clears it, as the page does.
/// </summary>
public sealed class ProductSelectionMemory
{
    /// <summary>The selected products (rows compared by id).</summary>
    public IReadOnlyCollection<ProductGridRow> Selected { get; private set; } = [];

    /// <summary>Whether the selection was "all N matching" and unchanged since.</summary>
    public bool AllMatching { get; private set; }

    /// <summary>Keeps the page's selection as it leaves.</summary>
    public void Keep(IReadOnlyCollection<ProductGridRow> selected, bool allMatching) =>
        (Selected, AllMatching) = ([.. selected], allMatching);
}
