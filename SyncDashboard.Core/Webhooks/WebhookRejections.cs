using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;

namespace SyncDashboard.Core.Webhooks;

/// <summary>
/// Tells the merchant about refused webhook deliveries without letting a flood of them flood the Activity
/// Log and the bell: at most one entry per sender (<see cref="ClientAddress"/>) per minute.
/// <list type="bullet">
/// <item>The first delivery refused from an address starts that address's minute and is recorded at once, in
/// full: "Rejected a webhook (products/update) from Urban Threads, sent from 203.0.113.7: its signature does
/// not match the store's webhook secret."</item>
/// <item>Further ones within that minute are counted, and the same entry is rewritten at most once every
/// <see cref="ReviseEvery"/> (and marked unread again, so the bell counts it once): "1,000 rejected webhook
/// deliveries from 203.0.113.7 in the last minute; none was used. The first: …". Deliveries turned away by the
/// receiver's rate limit (429, never read) count too, and are said apart.</item>
/// <item>A delivery refused once the minute is over starts a new minute and a new entry.</item>
/// <item>Once <see cref="MaxAddressesPerMinute"/> addresses have a minute open, further addresses share one entry,
/// "from other addresses", so that many senders cannot flood the log either.</item>
/// </list>
/// Text a sender chose (shop domain, topic) is cut to <see cref="MaxEchoedLength"/> characters.
/// </summary>
public sealed partial class WebhookRejections(ActivityLog activity, TimeProvider time, ILogger<WebhookRejections> logger)
{
    /// <summary>How long one entry gathers an address's refused deliveries.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>How often, at most, an entry is rewritten with its new count.</summary>
    public static readonly TimeSpan ReviseEvery = TimeSpan.FromSeconds(1);

    /// <summary>Rewrites of one entry that may fail in a row (a busy database) before the entry is left as it is.</summary>
    private const int MaxReviseFailures = 3;

    /// <summary>Addresses with an entry of their own in one minute; the rest share one.</summary>
    public const int MaxAddressesPerMinute = 20;

    /// <summary>How the shared entry of the addresses past <see cref="MaxAddressesPerMinute"/> names them.</summary>
    public const string OtherAddresses = "other addresses";

    /// <summary>The longest shop domain or topic of a sender's choosing an entry repeats.</summary>
    public const int MaxEchoedLength = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Minute> _minutes = new(StringComparer.Ordinal);

    /// <summary>Counts a delivery refused (401) because it names no connected store or its signature does not match.</summary>
    /// <param name="client">The address the delivery came from (null when unknown).</param>
    /// <param name="shopDomain">The shop domain the delivery named (<c>X-Shopify-Shop-Domain</c>), as sent.</param>
    /// <param name="topic">The topic it named, as sent.</param>
    /// <param name="storeId">The connected store of that domain, or null when there is none.</param>
    /// <param name="storeName">That store's name, or null.</param>
    public Task RejectedAsync(IPAddress? client, string? shopDomain, string? topic, int? storeId, string? storeName)
    {
        var webhook = string.IsNullOrEmpty(topic) ? "a webhook" : $"a webhook ({Echo(topic)})";
        var delivery = storeName is not null
            ? new Delivery($"{webhook} from {storeName}", "its signature does not match the store's webhook secret", storeId, storeName)
            : new Delivery(string.IsNullOrWhiteSpace(shopDomain) ? $"{webhook} naming no store" : $"{webhook} from an unknown store '{Echo(shopDomain)}'", null, null, null);
        return CountAsync(client, delivery);
    }

    /// <summary>Counts a delivery the receiver's rate limit turned away (429) before reading it.</summary>
    /// <param name="client">The address the delivery came from (null when unknown).</param>
    public Task ThrottledAsync(IPAddress? client) => CountAsync(client, null);

    /// <param name="rejected">The refused delivery, or null for one turned away by the rate limit.</param>
    private async Task CountAsync(IPAddress? client, Delivery? rejected)
    {
        var address = ClientAddress.Of(client);
        Minute? minute;
        var opened = false;
        var revise = false;
        (int Rejected, int Throttled, Delivery? First) counts;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!IsOpen(address, now, out minute))
            {
                foreach (var closed in _minutes.Where(m => now - m.Value.Start >= Window).Select(m => m.Key).ToList())
                {
                    _minutes.Remove(closed);
                }
                var key = _minutes.Count >= MaxAddressesPerMinute ? OtherAddresses : address;
                if (!IsOpen(key, now, out minute))
                {
                    minute = new Minute(key, address, now) { OpenedByThrottled = rejected is null };
                    _minutes[key] = minute;
                    opened = true;
                }
            }
            if (rejected is null)
            {
                minute.Throttled++;
            }
            else
            {
                minute.Rejected++;
                minute.First ??= rejected;
            }
            if (opened)
            {
                minute.Written = 1;
            }
            else if (!minute.Revising)
            {
                minute.Revising = true;
                minute.ReviseAt = now + ReviseEvery;
                revise = true;
            }
            counts = (minute.Rejected, minute.Throttled, minute.First);
        }
        if (opened)
        {
            try
            {
                // Not the request's token: a sender hanging up must not leave its minute without an entry.
                var entry = await activity.RecordAsync(ActivityKind.WebhookRejected, ActivitySeverity.Warning, Describe(minute, counts),
                    rejected?.StoreId, rejected?.StoreName, cancellationToken: CancellationToken.None);
                minute.Entry.SetResult(entry.Id);
            }
            catch (Exception e)
            {
                minute.Entry.TrySetException(e);
                throw;
            }
        }
        if (revise)
        {
            _ = ReviseLaterAsync(minute);
        }
    }

    /// <summary>Rewrites the minute's entry with its count, once every <see cref="ReviseEvery"/>, until nothing new came.</summary>
    private async Task ReviseLaterAsync(Minute minute)
    {
        try
        {
            var id = await minute.Entry.Task.ConfigureAwait(false);
            var failures = 0;
            while (true)
            {
                // Timed from the delivery that asked for it, not from when this loop got to wait (it may start late under load).
                var wait = minute.ReviseAt - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time).ConfigureAwait(false);
                }
                (int Rejected, int Throttled, Delivery? First) counts;
                lock (_gate)
                {
                    if (minute.Rejected + minute.Throttled == minute.Written)
                    {
                        minute.Revising = false;
                        return;
                    }
                    counts = (minute.Rejected, minute.Throttled, minute.First);
                }
                try
                {
                    await activity.ReviseAsync(id, Describe(minute, counts), CancellationToken.None).ConfigureAwait(false);
                    failures = 0;
                }
                catch (Exception e) when (++failures < MaxReviseFailures)
                {
                    LogReviseFailed(e, minute.Label); // the database was busy: tried again at the next turn
                }
                lock (_gate)
                {
                    if (failures == 0)
                    {
                        minute.Written = counts.Rejected + counts.Throttled;
                    }
                    minute.ReviseAt = time.GetUtcNow() + ReviseEvery;
                }
            }
        }
        catch (Exception e)
        {
            LogReviseFailed(e, minute.Label);
            lock (_gate)
            {
                minute.Revising = false;
            }
        }
    }

    private bool IsOpen(string key, DateTimeOffset now, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Minute? minute) =>
        _minutes.TryGetValue(key, out minute) && now - minute.Start < Window;

    /// <summary>The entry's message for the minute's counts so far.</summary>
    private static string Describe(Minute minute, (int Rejected, int Throttled, Delivery? First) counts)
    {
        var (rejected, throttled, first) = counts;
        if (rejected + throttled == 1)
        {
            return first is not null
                ? $"Rejected {first.What}, sent from {minute.FirstAddress}{(first.Why is null ? "" : ": " + first.Why)}."
                : $"Turned away a webhook delivery from {minute.FirstAddress} unread (429): more came from that address than the receiver takes at once. " +
                  "A store sends such a delivery again later.";
        }
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{rejected + throttled:N0} rejected webhook deliveries from {minute.Label} in the last minute; none was used.");
        if (first is not null)
        {
            // Deliveries turned away by the rate limit were never read: when one came first, the first one read is the first known.
            text.Append(CultureInfo.InvariantCulture, $" The first{(minute.OpenedByThrottled ? " read" : "")}: {first.What}{(first.Why is null ? "" : "; " + first.Why)}.");
        }
        if (throttled > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {throttled:N0} of them came faster than the receiver takes and were turned away unread (429).");
        }
        return text.ToString();
    }

    private static string Echo(string text) => text.Length <= MaxEchoedLength ? text : text[..MaxEchoedLength] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the Activity Log entry of rejected webhook deliveries from {Sender}")]
    private partial void LogReviseFailed(Exception exception, string sender);

    /// <summary>A refused delivery in words: what it was ("a webhook (products/update) from Urban Threads") and why, when more than that.</summary>
    private sealed record Delivery(string What, string? Why, int? StoreId, string? StoreName);

    /// <summary>One sender's minute: its counts, its entry, and whether a rewrite of the entry is under way.</summary>
    private sealed class Minute(string label, string firstAddress, DateTimeOffset start)
    {
        /// <summary>The sender as the entry names it: its address, or <see cref="OtherAddresses"/>.</summary>
        public string Label { get; } = label;

        /// <summary>The address of the minute's first delivery.</summary>
        public string FirstAddress { get; } = firstAddress;

        public DateTimeOffset Start { get; } = start;

        /// <summary>Whether the minute's first delivery was one the rate limit turned away (never read).</summary>
        public bool OpenedByThrottled { get; init; }

        public int Rejected { get; set; }
        public int Throttled { get; set; }

        /// <summary>The first delivery refused for its signature or store.</summary>
        public Delivery? First { get; set; }

        /// <summary>How many deliveries the entry counts as written.</summary>
        public int Written { get; set; }

        public bool Revising { get; set; }

        /// <summary>When the entry is next rewritten (<see cref="ReviseEvery"/> after the delivery that asked for it, or after the last rewrite).</summary>
        public DateTimeOffset ReviseAt { get; set; }

        /// <summary>The entry's id, once recorded.</summary>
        public TaskCompletionSource<long> Entry { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
