namespace SyncDashboard.Core.Jobs;

/// <summary>What became of one job item.</summary>
/// <param name="MapCandidateId">For a Sync refused because a Destination product already has the SKUs: that product, to map instead.</param>
/// <param name="Transient">A failure on a store error that may pass (5xx, 408, 429, a timeout): the job tries the item again.</param>
public sealed record JobItemOutcome(bool Succeeded, string Message, long? MapCandidateId = null, bool Transient = false);
