namespace SyncDashboard.Core.Jobs;

/// <summary>One item of a job as its result page shows it.</summary>
/// <param name="Subject">What the item worked on, in words: the product's title, or the store's name for a disconnection.</param>
/// <param name="Attempts">How many times it was tried (more than 1 after transient store errors).</param>
/// <param name="Failure">Why it failed, when it did: refused by a rule, or store errors that outlasted the retries.</param>
public sealed record JobItemResult(long ItemId, int Position, long SubjectId, string Subject, JobItemStatus Status, string? Message, int Attempts,
    JobItemFailure? Failure);
