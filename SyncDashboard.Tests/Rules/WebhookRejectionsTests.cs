using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Webhooks;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Rules;

/// <summary>
/// Refused webhook deliveries are told in the Activity Log once per sender and minute, however many come:
/// the first in full at once, then the same entry rewritten with the count (and unread again).
/// </summary>
public sealed class WebhookRejectionsTests : IDisposable
{
    private static readonly IPAddress Sender = IPAddress.Parse("203.0.113.7");

    private readonly InMemoryDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly ActivityLog _activity;
    private readonly WebhookRejections _rejections;

    public WebhookRejectionsTests()
    {
        _activity = new ActivityLog(_database.Factory, _time, new SyncDashboard.Core.Users.DashboardActors());
        _rejections = new WebhookRejections(_activity, _time, NullLogger<WebhookRejections>.Instance);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AThousandRefusedDeliveriesFromOneSenderMakeOneEntryThatCountsThem()
    {
        await _rejections.RejectedAsync(Sender, "evil.myshopify.com", "products/update", null, null);

        Assert.Equal("Rejected a webhook (products/update) from an unknown store 'evil.myshopify.com', sent from 203.0.113.7.", Assert.Single(await EntriesAsync()).Message);

        for (var i = 1; i < 1_000; i++)
        {
            await _rejections.RejectedAsync(Sender, "urban-threads.myshopify.com", "products/update", 2, "Urban Threads");
        }
        await ReviseAsync("1,000 rejected webhook deliveries from 203.0.113.7 in the last minute; none was used. " +
            "The first: a webhook (products/update) from an unknown store 'evil.myshopify.com'.");

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((ActivityKind.WebhookRejected, ActivitySeverity.Warning), (entry.Kind, entry.Severity));
        Assert.Equal(1, await _activity.UnreadCountAsync()); // the bell grows by one, not by a thousand
    }

    [Fact]
    public async Task AnEntryRewrittenAfterBeingReadIsUnreadAgainAndTheNextMinuteStartsANewOne()
    {
        await _rejections.RejectedAsync(Sender, "urban-threads.myshopify.com", "inventory_levels/update", 2, "Urban Threads");
        var first = Assert.Single(await EntriesAsync());
        Assert.Equal("Rejected a webhook (inventory_levels/update) from Urban Threads, sent from 203.0.113.7: its signature does not match the store's webhook secret.",
            first.Message);
        Assert.Equal((2, "Urban Threads"), (first.StoreId, first.StoreName));
        await _activity.MarkReadAsync();

        await _rejections.RejectedAsync(Sender, "urban-threads.myshopify.com", "inventory_levels/update", 2, "Urban Threads");
        await ReviseAsync("2 rejected webhook deliveries from 203.0.113.7 in the last minute; none was used. " +
            "The first: a webhook (inventory_levels/update) from Urban Threads; its signature does not match the store's webhook secret.");
        Assert.Equal(1, await _activity.UnreadCountAsync());

        _time.Advance(WebhookRejections.Window);
        await _rejections.RejectedAsync(Sender, null, null, null, null);

        var entries = await EntriesAsync();
        Assert.Equal(2, entries.Count);
        Assert.Equal("Rejected a webhook naming no store, sent from 203.0.113.7.", entries[0].Message);
        Assert.Equal(2, await _activity.UnreadCountAsync());
    }

    [Fact]
    public async Task ManySendersShareOneEntryPastTwentyAndAnIPv6SenderIsKnownByItsSlash64()
    {
        for (var i = 1; i <= 25; i++)
        {
            await _rejections.RejectedAsync(IPAddress.Parse($"198.51.100.{i}"), "evil.myshopify.com", "products/create", null, null);
        }
        await _rejections.RejectedAsync(IPAddress.Parse("198.51.100.30"), "evil.myshopify.com", "products/create", null, null);
        await ReviseAsync("6 rejected webhook deliveries from other addresses in the last minute; none was used. " +
            "The first: a webhook (products/create) from an unknown store 'evil.myshopify.com'.");
        Assert.Equal(WebhookRejections.MaxAddressesPerMinute + 1, (await EntriesAsync()).Count);

        _time.Advance(WebhookRejections.Window);
        await _rejections.RejectedAsync(IPAddress.Parse("2001:db8:1:2::10"), "evil.myshopify.com", "products/create", null, null);
        await _rejections.RejectedAsync(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "evil.myshopify.com", "products/create", null, null);
        await ReviseAsync("2 rejected webhook deliveries from 2001:db8:1:2::/64 in the last minute; none was used. " +
            "The first: a webhook (products/create) from an unknown store 'evil.myshopify.com'.");
    }

    [Fact]
    public async Task DeliveriesTurnedAwayByTheRateLimitAreCountedAndSaidApartAndSendersTextIsCut()
    {
        await _rejections.ThrottledAsync(Sender);
        Assert.Equal("Turned away a webhook delivery from 203.0.113.7 unread (429): more came from that address than the receiver takes at once. " +
            "A store sends such a delivery again later.", Assert.Single(await EntriesAsync()).Message);

        var domain = new string('x', 300) + ".myshopify.com";
        await _rejections.RejectedAsync(Sender, domain, "products/update", null, null);
        await _rejections.ThrottledAsync(Sender);
        await ReviseAsync("3 rejected webhook deliveries from 203.0.113.7 in the last minute; none was used. " +
            $"The first read: a webhook (products/update) from an unknown store '{new string('x', WebhookRejections.MaxEchoedLength)}…'. " +
            "2 of them came faster than the receiver takes and were turned away unread (429).");
    }

    private async Task<List<ActivityEntry>> EntriesAsync() =>
        [.. (await _activity.QueryAsync(new ActivityQuery { Kind = ActivityKind.WebhookRejected })).Entries];

    /// <summary>Lets a second pass; the newest entry must then read <paramref name="expected"/>.</summary>
    private async Task ReviseAsync(string expected)
    {
        // Under load the reviser may set its timer only after the clock moved: move it again (a few seconds, far from the minute's end).
        for (var step = 1; ; step++)
        {
            _time.Advance(WebhookRejections.ReviseEvery);
            try
            {
                await Eventually.HoldsAsync(async () => (await EntriesAsync())[0].Message == expected, $"the entry reads \"{expected}\"", 2);
                return;
            }
            catch (Exception) when (step < 5)
            {
            }
        }
    }
}
