using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Activity;
using SyncDashboard.Tests.Infrastructure;
using SyncDashboard.Webhooks;

namespace SyncDashboard.Tests.Web;

/// <summary>
/// The webhook receiver's rate limit per sender (ASP.NET Core's rate limiter): past the burst, deliveries are
/// turned away with 429 and <c>Retry-After</c> before they are read, and counted in the sender's one Activity entry.
/// </summary>
public sealed class WebhookRateLimitTests
{
    [Fact]
    public async Task PastItsBurstASenderIsTurnedAwayWith429AndTheEntrySaysHowMany()
    {
        await using var dashboard = await DashboardApp.StartAsync(new Dictionary<string, string?>
        {
            ["DemoStores:Catalogue:ProductsPerSource"] = "10",
            ["DemoStores:Catalogue:DestinationOnlyProducts"] = "5",
            ["DemoStores:Stores:1:CsvCatalogues:0"] = "apparel.csv",
            ["Webhooks:RateLimit:BurstLimit"] = "3",
            ["Webhooks:RateLimit:PermitsPerMinute"] = "1",
        });
        await dashboard.WaitUntilReadyAsync();
        using var http = new HttpClient { BaseAddress = dashboard.BaseUrl };

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/shopify") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Shopify-Topic", "products/update");
            request.Headers.Add("X-Shopify-Shop-Domain", "evil.myshopify.com");
            request.Headers.Add("X-Shopify-Webhook-Id", $"flood-{i}");
            answers.Add(await http.SendAsync(request));
        }

        try
        {
            Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
            Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized), 1, 3);
            var turnedAway = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.True(turnedAway.Count >= 5);
            Assert.All(turnedAway, a => Assert.True(a.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
            Assert.Contains("Too many webhook deliveries", await turnedAway[0].Content.ReadAsStringAsync());
        }
        finally
        {
            answers.ForEach(a => a.Dispose());
        }
        var log = dashboard.Services.GetRequiredService<ActivityLog>();
        await Eventually.HoldsAsync(async () =>
        {
            var entries = (await log.QueryAsync(new ActivityQuery { Kind = ActivityKind.WebhookRejected })).Entries;
            return entries.Count == 1 && System.Text.RegularExpressions.Regex.IsMatch(entries[0].Message,
                @"^\d+ rejected webhook deliveries from 127\.0\.0\.1 in the last minute; none was used\. " +
                @"The first: a webhook \(products/update\) from an unknown store 'evil\.myshopify\.com'\. " +
                @"\d+ of them came faster than the receiver takes and were turned away unread \(429\)\.$");
        }, "one entry counts the refused and the turned-away deliveries", 15);
    }

    [Fact]
    public void TheLimitsAreValidated()
    {
        var result = new WebhookRateLimitOptionsValidator().Validate(null, new WebhookRateLimitOptions { BurstLimit = 0, PermitsPerMinute = 2_000_000 });

        Assert.Equal(
        [
            "Webhooks:RateLimit:BurstLimit must be between 1 and 1,000,000 (Shopify sends bursts of a few hundred deliveries).",
            "Webhooks:RateLimit:PermitsPerMinute must be between 1 and 1,000,000.",
        ], result.Failures);
        Assert.True(new WebhookRateLimitOptionsValidator().Validate(null, new WebhookRateLimitOptions()).Succeeded);
    }
}
