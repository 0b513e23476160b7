using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Jobs;

/// <summary>
/// How a job tries again an item that failed on a transient store error (section <c>Jobs</c>): after
/// <see cref="FirstRetryDelay"/>, doubling up to <see cref="MaxRetryDelay"/> (with jitter), for as long as
/// <see cref="TransientRetryWindow"/> from the item's first failure. The store client's own retries
/// (a few seconds, honouring <c>Retry-After</c>) come first, inside each try.
/// </summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>How long an item failing on store errors is tried again (5 minutes; zero: not at all).</summary>
    public TimeSpan TransientRetryWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before the second try (2 seconds).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between tries (1 minute).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait after the <paramref name="failures"/>-th failure (1 or more), before jitter.</summary>
    public TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Clamp(failures - 1, 0, 20))));
}

internal sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        var errors = new List<string>();
        if (options.TransientRetryWindow < TimeSpan.Zero || options.TransientRetryWindow > TimeSpan.FromHours(1))
        {
            errors.Add("Jobs:TransientRetryWindow must be between 0 and one hour.");
        }
        if (options.FirstRetryDelay <= TimeSpan.Zero || options.FirstRetryDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add("Jobs:FirstRetryDelay must be more than 0 and at most 5 minutes.");
        }
        if (options.MaxRetryDelay < options.FirstRetryDelay || options.MaxRetryDelay > TimeSpan.FromMinutes(10))
        {
            errors.Add("Jobs:MaxRetryDelay must be at least Jobs:FirstRetryDelay and at most 10 minutes.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
