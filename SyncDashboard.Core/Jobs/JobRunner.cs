using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Jobs;

/// <summary>
/// Runs the queued jobs one at a time, oldest first, once the sync engine is ready
/// (<see cref="SyncEngineStartup.Ready"/>). The database is the queue: a job left Running or Queued
/// by a stop or a crash is resumed at the next start, and only its Pending items are processed, so
/// a finished item is never repeated (an item interrupted half-way is run again; sync is idempotent).
/// Resync items are run in batches (<see cref="JobItemExecutor.BatchSize"/>); Cancel takes effect
/// between items or batches.
/// An item failing on a transient store error (5xx, 408, 429, a timeout) is tried again within the job
/// (<see cref="JobOptions"/>: backoff from 2 seconds to a minute, for 5 minutes from its first failure)
/// while the other items go on; it stays Pending meanwhile, so a restart tries it again too. Only rule
/// refusals and store errors that outlast the retries fail an item (<see cref="JobItemFailure"/>).
/// Each item's outcome and the job's counts are saved together as soon as the item is done.
/// </summary>
public sealed class JobRunner(
    IDbContextFactory<SyncDbContext> dbFactory,
    JobService jobs,
    JobItemExecutor executor,
    EngineReadiness startup,
    ActivityLog activity,
    TimeProvider time,
    Users.DashboardActors actors,
    Microsoft.Extensions.Options.IOptionsMonitor<JobOptions> options,
    ILogger<JobRunner> logger) : BackgroundService
{
    private const int MaxMessageLength = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitBeforeStartingAsync(logger, "the job runner", stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (jobs.Queued.TryRead(out _))
                {
                    // Wake-up calls: the database says what is queued.
                }
                var next = await NextAsync(stoppingToken);
                if (next is null)
                {
                    await jobs.Queued.WaitToReadAsync(stoppingToken);
                    continue;
                }
                await RunAsync(next.Value, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The job runner failed; trying again shortly");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The oldest job not finished: one left running by an earlier run first, since it is older.</summary>
    private async Task<Guid?> NextAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var next = await db.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running)
            .OrderBy(j => j.CreatedAt)
            .Select(j => (Guid?)j.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return next;
    }

    private async Task RunAsync(Guid jobId, CancellationToken stoppingToken)
    {
        Job job;
        List<JobItem> pending;
        bool resumed;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId, stoppingToken);
            // The job's work is logged as its starter's (a name only: the role was checked when it was started).
            actors.Current = job.StartedBy is { } startedBy ? Users.DashboardActor.ForJob(startedBy) : null;
            resumed = job.Status == JobStatus.Running;
            if (!resumed)
            {
                var now = time.GetUtcNow();
                var claimed = await db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.Queued).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Running)
                    .SetProperty(j => j.StartedAt, now), stoppingToken);
                if (claimed == 0)
                {
                    return; // Cancelled while queued.
                }
                job.Status = JobStatus.Running;
                job.StartedAt = now;
            }
            pending = await db.JobItems.AsNoTracking()
                .Where(i => i.JobId == jobId && i.Status == JobItemStatus.Pending)
                .OrderBy(i => i.Position)
                .ToListAsync(stoppingToken);
        }

        logger.LogInformation("{Verb} {Kind} job {JobId}: {Pending} of {Total} items to do",
            resumed ? "Resuming" : "Starting", job.Kind, job.Id, pending.Count, job.Total);
        var parameters = JobService.ParametersOf(job);
        var dryRun = job.IsDryRun();
        await activity.RecordAsync(ActivityKind.Job, ActivitySeverity.Info, resumed
            ? $"{job.Subject()} resumed after a restart: {pending.Count} left to do."
            : dryRun ? $"{JobExtensions.DryRunSubject} started (nothing is linked)." : $"{job.Subject()} started.", cancellationToken: CancellationToken.None);
        jobs.Publish(JobProgress.From(job));

        IReadOnlyList<JobItem> current = [];
        string? lastMessage = null;
        var retries = new List<RetryState>();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        jobs.Running(job.Id, cancellation);
        // Cancel stops a long item where it is (a bulk map's stock alignment, a resync batch: each step is
        // safe to leave half done); a sync or unsync item is short and ends before the job stops.
        var token = job.Kind is JobKind.BulkMap or JobKind.Resync ? cancellation.Token : stoppingToken;
        try
        {
            foreach (var chunk in pending.Chunk(JobItemExecutor.BatchSize(job.Kind)))
            {
                if (await CancelRequestedAsync(job, stoppingToken))
                {
                    await FinishAsync(job, JobStatus.Cancelled, null, "Cancelled before it started.", null);
                    return;
                }
                stoppingToken.ThrowIfCancellationRequested();
                current = chunk;
                string? lastDetail = null;
                double? lastPercent = null;
                void Detail(string detail, double? percent)
                {
                    (lastDetail, lastPercent) = (detail, percent);
                    jobs.Publish(JobProgress.From(job, detail, percent));
                }
                async Task ItemDoneAsync(long itemId, JobItemOutcome outcome)
                {
                    // Saved as soon as known (a stop mid-batch does not repeat it); the bar counts it at once. A failure
                    // while the app stops may come from the stop: it is left to the batch's end, as below.
                    if (!outcome.Succeeded && stoppingToken.IsCancellationRequested)
                    {
                        return;
                    }
                    await SaveOutcomeAsync(job, chunk.First(i => i.Id == itemId), outcome);
                    jobs.Publish(JobProgress.From(job, lastDetail, lastPercent));
                }
                var retryWindow = options.CurrentValue.TransientRetryWindow;
                if (chunk.Length == 1 && retryWindow > TimeSpan.Zero)
                {
                    if (chunk[0] is { Attempts: > 0, FirstFailedAt: { } firstFailedAt } failing)
                    {
                        // Failing on store errors before a restart: its tries and its window go on from where they were.
                        retries.Add(new RetryState(failing, failing.Attempts, firstFailedAt, time.GetUtcNow()));
                        current = [];
                        continue;
                    }
                    var first = await executor.ExecuteAsync(job, chunk[0], parameters, Detail, token, willRetry: true);
                    if (first is { Succeeded: false, Transient: true } && !stoppingToken.IsCancellationRequested)
                    {
                        var now = time.GetUtcNow();
                        retries.Add(new RetryState(chunk[0], 1, now, NextTry(now, now, 1)));
                        await SaveWaitingAsync(chunk[0], 1, now, first.Message);
                        current = [];
                        jobs.Publish(JobProgress.From(job, WaitingDetail(retries), null));
                        continue;
                    }
                    await SaveOutcomeAsync(job, chunk[0], first, attempts: 1);
                    lastMessage = first.Message;
                    current = [];
                    jobs.Publish(JobProgress.From(job));
                    continue;
                }
                var outcomes = chunk.Length == 1
                    ? new Dictionary<long, JobItemOutcome> { [chunk[0].Id] = await executor.ExecuteAsync(job, chunk[0], parameters, Detail, token) }
                    : await executor.ExecuteBatchAsync(job, chunk, parameters, Detail, token, ItemDoneAsync);
                if (outcomes.Values.Any(o => !o.Succeeded) && stoppingToken.IsCancellationRequested)
                {
                    // Probably failed because the app is stopping: left Pending, run again at the next start.
                    stoppingToken.ThrowIfCancellationRequested();
                }
                foreach (var item in chunk)
                {
                    if (outcomes.GetValueOrDefault(item.Id) is not { } outcome)
                    {
                        if (token.IsCancellationRequested)
                        {
                            continue; // stopped where it was: left Pending, then skipped (Cancel) or run again (restart)
                        }
                        outcome = new JobItemOutcome(false, "Not done.");
                    }
                    await SaveOutcomeAsync(job, item, outcome);
                    lastMessage = outcome.Message;
                }
                current = [];
                token.ThrowIfCancellationRequested();
                jobs.Publish(JobProgress.From(job));
            }
            lastMessage = await RetryAsync(job, parameters, retries, cancellation.Token, stoppingToken) ?? lastMessage;
            await FinishAsync(job, JobStatus.Completed, null, "Not run.", lastMessage);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Job {JobId} interrupted by the app stopping after {Done} of {Total} items; it resumes at the next start",
                job.Id, job.Done, job.Total);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested || (job.CancelRequested && !stoppingToken.IsCancellationRequested))
        {
            // Cancelled by the merchant inside an item: what the item finished stays done; the rest is skipped.
            job.CancelRequested = true;
            await FinishAsync(job, JobStatus.Cancelled, null, "Cancelled while it ran.", null);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} failed", job.Id);
            foreach (var item in current)
            {
                await SaveOutcomeAsync(job, item, new JobItemOutcome(false, $"Unexpected error: {e.Message}"));
            }
            await FinishAsync(job, JobStatus.Failed, e.Message, "Not run: the job failed.", null);
        }
        finally
        {
            jobs.Stopped(job.Id);
        }
    }

    /// <summary>An item waiting to be tried again after transient store errors.</summary>
    private sealed record RetryState(JobItem Item, int Failures, DateTimeOffset FirstFailedAt, DateTimeOffset NextTryAt);

    /// <summary>When to try again after the <paramref name="failures"/>-th failure: after the backoff (with jitter), but no later than the window's end.</summary>
    private DateTimeOffset NextTry(DateTimeOffset now, DateTimeOffset firstFailedAt, int failures)
    {
        var settings = options.CurrentValue;
        var next = now + Jittered(settings.RetryDelay(failures));
        var deadline = firstFailedAt + settings.TransientRetryWindow;
        return next < deadline ? next : deadline;
    }

    /// <summary>
    /// Tries the waiting items again, each at its time, until each succeeds, fails for good, or outlasts
    /// the retry window (its last try records its failure). Cancel ends the waiting (the items are skipped);
    /// the app stopping leaves them Pending for the next start. Returns the last outcome's message.
    /// </summary>
    private async Task<string?> RetryAsync(Job job, JobParameters parameters, List<RetryState> retries, CancellationToken cancel, CancellationToken stoppingToken)
    {
        string? lastMessage = null;
        while (retries.Count > 0)
        {
            var next = retries.MinBy(r => r.NextTryAt)!;
            var wait = next.NextTryAt - time.GetUtcNow();
            jobs.Publish(JobProgress.From(job, WaitingDetail(retries), null));
            while (wait > TimeSpan.Zero)
            {
                // In slices, so a Cancel saved by another instance of the page is seen too.
                await Task.Delay(wait < TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1), time, cancel);
                if (await CancelRequestedAsync(job, stoppingToken))
                {
                    throw new OperationCanceledException(cancel);
                }
                wait = next.NextTryAt - time.GetUtcNow();
            }
            retries.Remove(next);
            var failures = next.Failures;
            // The try at (or after) the window's end is the last: it is tried until then, not a backoff short of it.
            var lastTry = time.GetUtcNow() >= next.FirstFailedAt + options.CurrentValue.TransientRetryWindow;
            var outcome = await executor.ExecuteAsync(job, next.Item, parameters, (_, _) => { }, stoppingToken, willRetry: !lastTry);
            if (outcome is { Succeeded: false, Transient: true } && !lastTry)
            {
                var now = time.GetUtcNow();
                await SaveWaitingAsync(next.Item, failures + 1, next.FirstFailedAt, outcome.Message);
                retries.Add(next with { Failures = failures + 1, NextTryAt = NextTry(now, next.FirstFailedAt, failures + 1) });
                continue;
            }
            if (outcome is { Succeeded: false, Transient: true })
            {
                var spent = time.GetUtcNow() - next.FirstFailedAt;
                var over = spent < TimeSpan.FromSeconds(90) ? $"{Math.Max(1, (int)Math.Round(spent.TotalSeconds))} seconds" : $"{(int)Math.Round(spent.TotalMinutes)} minutes";
                outcome = outcome with { Message = $"{outcome.Message} (tried {failures + 1} times over {over}; Retry it once the store is well)" };
            }
            await SaveOutcomeAsync(job, next.Item, outcome, attempts: failures + 1);
            lastMessage = outcome.Message;
            jobs.Publish(JobProgress.From(job, WaitingDetail(retries), null));
        }
        return lastMessage;
    }

    /// <summary>Saves that a Pending item failed <paramref name="attempts"/> times and waits to be tried again (its page says so).</summary>
    private async Task SaveWaitingAsync(JobItem item, int attempts, DateTimeOffset firstFailedAt, string message)
    {
        var waiting = $"Failed on a store error, tried {attempts} time{(attempts == 1 ? "" : "s")}; trying again: {message}";
        waiting = waiting.Length > MaxMessageLength ? waiting[..MaxMessageLength] : waiting;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.JobItems.Where(i => i.Id == item.Id && i.Status == JobItemStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Attempts, attempts)
            .SetProperty(i => i.FirstFailedAt, firstFailedAt)
            .SetProperty(i => i.Message, waiting), CancellationToken.None);
    }

    private static string? WaitingDetail(List<RetryState> retries) => retries.Count == 0 ? null
        : $"{retries.Count} item{(retries.Count == 1 ? "" : "s")} failed on store errors and will be tried again (next try {retries.Min(r => r.NextTryAt).ToLocalTime():T}).";

    /// <summary>The delay, 20% either way, so that items failing together do not come back together.</summary>
    private static TimeSpan Jittered(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));

    private async Task<bool> CancelRequestedAsync(Job job, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        job.CancelRequested = await db.Jobs.Where(j => j.Id == job.Id).Select(j => j.CancelRequested).FirstAsync(cancellationToken);
        return job.CancelRequested;
    }

    /// <summary>Saves the item's outcome and the job's counts in one transaction (whatever the app is doing meanwhile).</summary>
    private async Task SaveOutcomeAsync(Job job, JobItem item, JobItemOutcome outcome, int attempts = 1)
    {
        var message = outcome.Message.Length > MaxMessageLength ? outcome.Message[..MaxMessageLength] : outcome.Message;
        var status = outcome.Succeeded ? JobItemStatus.Succeeded : JobItemStatus.Failed;
        JobItemFailure? failure = outcome.Succeeded ? null : outcome.Transient ? JobItemFailure.StoreError : JobItemFailure.Refused;
        var succeeded = outcome.Succeeded ? 1 : 0;
        var failed = outcome.Succeeded ? 0 : 1;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var updated = await db.JobItems.Where(i => i.Id == item.Id && i.Status == JobItemStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, status)
            .SetProperty(i => i.Message, message)
            .SetProperty(i => i.MapCandidateId, outcome.MapCandidateId)
            .SetProperty(i => i.Attempts, attempts)
            .SetProperty(i => i.Failure, failure), CancellationToken.None);
        if (updated == 0)
        {
            return;
        }
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Done, j => j.Done + 1)
            .SetProperty(j => j.Succeeded, j => j.Succeeded + succeeded)
            .SetProperty(j => j.Failed, j => j.Failed + failed), CancellationToken.None);
        var cancelRequested = await db.Jobs.Where(j => j.Id == job.Id).Select(j => j.CancelRequested).FirstAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        job.CancelRequested = cancelRequested;
        item.Status = status;
        item.Message = message;
        item.Attempts = attempts;
        item.Failure = failure;
        job.Done++;
        job.Succeeded += succeeded;
        job.Failed += failed;
    }

    /// <summary>Marks the items not done Skipped and the job finished, then tells the Activity Log and the subscribers.</summary>
    private async Task FinishAsync(Job job, JobStatus status, string? error, string skippedMessage, string? lastMessage)
    {
        var now = time.GetUtcNow();
        int storeErrors;
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            storeErrors = await db.JobItems.CountAsync(i => i.JobId == job.Id && i.Failure == JobItemFailure.StoreError, CancellationToken.None);
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await JobService.SkipPendingAsync(db, job.Id, skippedMessage, CancellationToken.None);
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.FinishedAt, now), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        job.Status = status;
        job.Error = error;
        job.FinishedAt = now;
        logger.LogInformation("Job {JobId} {Status}: {Succeeded} succeeded, {Failed} failed of {Total}", job.Id, status, job.Succeeded, job.Failed, job.Total);

        var kind = job.IsDryRun() ? JobExtensions.DryRunSubject : job.Kind.Describe();
        var items = job.Total == 1 ? "1 item" : $"{job.Total} items";
        var counts = $"{job.Succeeded} succeeded, {job.Failed} failed" + (storeErrors == 0 ? "" : storeErrors == job.Failed
            ? " on store errors that outlasted the retries (Retry them from the job's page)"
            : $" ({job.Failed - storeErrors} refused by the rules, {storeErrors} on store errors that outlasted the retries: Retry those from the job's page)");
        var (severity, message) = (status, job.Kind) switch
        {
            (JobStatus.Completed, JobKind.BulkMap) => (job.Failed == 0 ? ActivitySeverity.Success : ActivitySeverity.Error, $"{kind} finished: {lastMessage}"),
            (JobStatus.Cancelled, JobKind.BulkMap) => (ActivitySeverity.Warning,
                $"{kind} cancelled: the links it made stay, and the reconciliation brings their stock in step."),
            (JobStatus.Failed, JobKind.BulkMap) => (ActivitySeverity.Error, $"{kind} failed: {error}"),
            (JobStatus.Completed, _) => (job.Failed == 0 ? ActivitySeverity.Success : ActivitySeverity.Warning,
                $"{kind} of {items} finished: {counts}."),
            (JobStatus.Cancelled, _) => (ActivitySeverity.Warning,
                $"{kind} cancelled after {job.Done} of {items}: {counts}, {job.Total - job.Done} skipped."),
            _ => (ActivitySeverity.Error, $"{kind} failed after {job.Done} of {items}: {error}"),
        };
        try
        {
            await activity.RecordAsync(ActivityKind.Job, severity, message, cancellationToken: CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record the end of job {JobId} in the Activity Log", job.Id);
        }
        jobs.Publish(JobProgress.From(job));
    }
}
