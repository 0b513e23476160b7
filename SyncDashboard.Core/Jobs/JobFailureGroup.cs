namespace SyncDashboard.Core.Jobs;

/// <summary>
/// The failed items of a job that failed for the same reason, named: what an end-of-job message says,
/// one per reason, so seven products refused for "The variant has no SKU." read as one line that names them.
/// </summary>
/// <param name="Reason">The items' common message (the job item's <see cref="JobItem.Message"/>).</param>
/// <param name="Items">Every failed item with that message, in the job's order.</param>
public sealed record JobFailureGroup(string Reason, IReadOnlyList<JobItemResult> Items)
{
    /// <summary>How many products a message names before "and N more".</summary>
    public const int Named = 3;

    /// <summary>
    /// The reason with the products named: "Linen Shirt, Wool Beanie, Canvas Tote and 4 more: The variant has no SKU.";
    /// a single product whose reason names it already is not named twice.
    /// </summary>
    public string Text
    {
        get
        {
            if (Items.Count == 1 && Reason.Contains(Items[0].Subject, StringComparison.Ordinal))
            {
                return Reason;
            }
            var names = string.Join(", ", Items.Take(Named).Select(i => i.Subject));
            var more = Items.Count > Named ? $" and {Items.Count - Named} more" : "";
            return $"{names}{more}: {Reason}";
        }
    }

    /// <summary>Groups a job's failed items by their message, the largest group first, then in the job's order.</summary>
    public static IReadOnlyList<JobFailureGroup> Of(IEnumerable<JobItemResult> items) =>
        [.. items.Where(i => i.Status == JobItemStatus.Failed)
            .OrderBy(i => i.Position)
            .GroupBy(i => i.Message ?? "Failed.")
            .Select(g => new JobFailureGroup(g.Key, [.. g]))
            .OrderByDescending(g => g.Items.Count)
            .ThenBy(g => g.Items[0].Position)];
}
