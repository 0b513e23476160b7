using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Stores;
using SyncDashboard.DemoStores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// A flood of unsigned deliveries at the webhook receiver (anonymous, HMAC-checked), with its default rate
/// limit: each is refused with 401, together they make one Activity Log entry (the bell grows by one), and a
/// genuine delivery right after is still accepted and processed.
/// </summary>
public abstract class WebhookFloodTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : WebhookFloodTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : WebhookFloodTests(StoreApi.Rest);

    [Fact]
    public async Task AThousandUnsignedDeliveriesMakeOneActivityEntryAndAGenuineOneIsStillProcessed()
    {
        var log = Get<ActivityLog>();
        var unreadBefore = await log.UnreadCountAsync();
        var urban = await ConnectionAsync("Urban Threads");
        var variant = (await MirroredAsync(urban.Id, q => q.Where(p => p.Variants.Any(v => v.InventoryItemId != null)))).Variants.First(v => v.InventoryItemId != null);
        var store = Dashboard.DemoStore("urban-threads");
        var body = $$"""{"inventory_item_id":{{variant.InventoryItemId}},"location_id":{{store.PrimaryLocationId}},"available":{{variant.Quantity}}}""";
        using var http = new HttpClient { BaseAddress = Dashboard.BaseUrl };

        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 1_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            using var answer = await PostAsync(http, body, signature: null, $"unsigned-{i}");
            statuses.Add(answer.StatusCode);
        });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(1_000, statuses.Count);
        const string summary = "1,000 rejected webhook deliveries from 127.0.0.1 in the last minute; none was used. " +
            "The first: a webhook (inventory_levels/update) from Urban Threads; its signature does not match the store's webhook secret.";
        await Eventually.HoldsAsync(async () => (await RejectedAsync(log)).SingleOrDefault()?.Message == summary, "one entry counts the thousand", 15);
        Assert.InRange(await log.UnreadCountAsync() - unreadBefore, 1, 5); // the bell: one more, not a thousand (the engine may add a few of its own)
        await using (var db = await DbAsync())
        {
            Assert.False(await db.ReceivedWebhooks.AnyAsync(w => w.WebhookId.StartsWith("unsigned-"))); // none was kept
        }

        // A wrong signature is refused as well, into the same entry.
        using var forged = await PostAsync(http, body, "bm90LXRoZS1zaWduYXR1cmU=", "forged-1");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await Eventually.HoldsAsync(async () => (await RejectedAsync(log)).SingleOrDefault()?.Message.StartsWith("1,001 rejected", StringComparison.Ordinal) == true,
            "the forged delivery is counted in the same entry", 15);

        // A genuine delivery from the same address, just after: accepted and processed.
        var signature = DemoWebhookDispatcher.Sign("demo-secret-urban-threads", Encoding.UTF8.GetBytes(body));
        using var genuine = await PostAsync(http, body, signature, "genuine-1");
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.ReceivedWebhooks.AnyAsync(w => w.WebhookId == "genuine-1" && w.ProcessedAt != null && w.LastError == null);
        }, "the genuine delivery is processed", 15);
    }

    private static async Task<List<ActivityEntry>> RejectedAsync(ActivityLog log) =>
        [.. (await log.QueryAsync(new ActivityQuery { Kind = ActivityKind.WebhookRejected })).Entries];

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string body, string? signature, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/shopify") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Shopify-Topic", "inventory_levels/update");
        request.Headers.Add("X-Shopify-Shop-Domain", "urban-threads.myshopify.com");
        request.Headers.Add("X-Shopify-Webhook-Id", id);
        if (signature is not null)
        {
            request.Headers.Add("X-Shopify-Hmac-Sha256", signature);
        }
        return await http.SendAsync(request);
    }
}
