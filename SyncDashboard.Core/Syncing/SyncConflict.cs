namespace SyncDashboard.Core.Syncing;

/// <summary>Why a Sync would make a duplicate, and the Destination product to map instead when there is one.</summary>
/// <param name="MapCandidateId">The mirrored id of the Destination product the Source product can be mapped to (null when it is linked already).</param>
public sealed record SyncConflict(string Reason, long? MapCandidateId);
