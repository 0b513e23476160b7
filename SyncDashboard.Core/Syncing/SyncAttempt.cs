namespace SyncDashboard.Core.Syncing;

/// <summary>
/// Written before a Destination product is created for a Source product, and removed once the
/// link is saved. If the app stops in between, the next attempt finds this row and looks for the
/// product it may already have created (by its marker metafield, among products created since
/// <see cref="StartedAt"/>) before creating another.
/// </summary>
public sealed class SyncAttempt
{
    public long Id { get; set; }
    public int SourceStoreId { get; set; }
    public long SourceProductId { get; set; }
    public int DestinationStoreId { get; set; }

    /// <summary>The marker value put on the Destination product (<see cref="Linking.LinkMarker"/>) that names its Source product.</summary>
    public required string Marker { get; set; }

    public DateTimeOffset StartedAt { get; set; }
}
