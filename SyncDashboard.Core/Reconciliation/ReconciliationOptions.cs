using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>The periodic reconciliation (section <c>Reconciliation</c>).</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>How often the periodic pass looks for links due for verification.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every link is verified at least this often, even when no event names it.</summary>
    public TimeSpan VerifyEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most links one periodic pass verifies (the least recently verified first).</summary>
    public int LinksPerPass { get; set; } = 250;

    /// <summary>
    /// The share (above 0, at most 1) of each store's request rate the periodic pass may use, so live
    /// updates and jobs keep the rest. Requested checks (new links, events, Resync) run at full rate.
    /// </summary>
    public double RateShare { get; set; } = 0.25;

    /// <summary>
    /// A run that checks at least this many products of one store, and at least half of its mirrored
    /// catalogue, reads that store's whole catalogue once (a GraphQL bulk operation, which costs next to
    /// nothing of the store's rate limit; pages of 250 on REST) instead of its products batch by batch
    /// (shopify.dev "Perform bulk operations with the GraphQL Admin API": bulk operations are for large reads).
    /// </summary>
    public int WholeCatalogueReadFrom { get; set; } = 250;
}

internal sealed class ReconciliationOptionsValidator : IValidateOptions<ReconciliationOptions>
{
    public ValidateOptionsResult Validate(string? name, ReconciliationOptions options)
    {
        var errors = new List<string>();
        if (options.Interval < TimeSpan.FromMilliseconds(100) || options.Interval > TimeSpan.FromHours(1))
        {
            errors.Add("Reconciliation:Interval must be between 100 milliseconds and one hour.");
        }
        if (options.VerifyEvery < TimeSpan.FromSeconds(1) || options.VerifyEvery > TimeSpan.FromDays(1))
        {
            errors.Add("Reconciliation:VerifyEvery must be between one second and one day.");
        }
        if (options.LinksPerPass is < 1 or > 100_000)
        {
            errors.Add("Reconciliation:LinksPerPass must be between 1 and 100000.");
        }
        if (!(options.RateShare > 0 && options.RateShare <= 1))
        {
            errors.Add("Reconciliation:RateShare must be above 0 and at most 1 (a share of each store's request rate).");
        }
        if (options.WholeCatalogueReadFrom is < 1 or > 1_000_000)
        {
            errors.Add("Reconciliation:WholeCatalogueReadFrom must be between 1 and 1000000 (products of one store in one run).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
