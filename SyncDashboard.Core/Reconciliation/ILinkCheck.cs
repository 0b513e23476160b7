namespace SyncDashboard.Core.Reconciliation;

/// <summary>Checks one product's link against both stores now, for a merchant looking at it (the details dialog).</summary>
public interface ILinkCheck
{
    /// <summary>
    /// Reads both sides of the link of the mirrored product <paramref name="productId"/> (Source or
    /// Destination side) from the stores and repairs any difference, as the reconciliation does; the
    /// quantities and state it records are then what the dialog shows. Returns false when the product is
    /// not linked. A store that cannot be reached leaves the link Repairing with the reason (no exception).
    /// </summary>
    Task<bool> CheckProductAsync(long productId, CancellationToken cancellationToken = default);
}
