namespace SyncDashboard.Components.Pages.Products;

/// <summary>What the details dialog asks its page to do with the product it shows (the page runs it, with its confirmations and progress).</summary>
public enum ProductAction
{
    /// <summary>Create a Destination product from this Source product.</summary>
    Sync,

    /// <summary>Link it to a product that exists on the other side already, variant by variant.</summary>
    Map,

    /// <summary>Compare both sides now and repair any difference.</summary>
    Resync,

    /// <summary>End the link; the Destination product stays.</summary>
    UnsyncKeep,

    /// <summary>End the link and delete the Destination product.</summary>
    UnsyncDelete,
}
