using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>A loopback HTTP endpoint that records the webhook deliveries it receives.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication _app = null!;
    private int _failuresLeft;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Answers the next <paramref name="count"/> deliveries with 500.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        (receiver._app, var baseUrl) = await LoopbackApp.StartAsync(async ctx =>
        {
            using var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body);
            var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var failed = Interlocked.Decrement(ref receiver._failuresLeft) >= 0;
            receiver._received.Enqueue(new ReceivedWebhook(headers, body.ToArray(), failed));
            ctx.Response.StatusCode = failed ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        });
        receiver.Address = new Uri(baseUrl, "webhooks");
        return receiver;
    }

    /// <summary>Waits until <paramref name="predicate"/> holds for the deliveries received, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var received = Received;
            if (predicate(received))
            {
                return received;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"Expected webhooks did not arrive; received {Received.Count}: " +
            string.Join(", ", Received.Select(r => r.Topic)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, byte[] Body, bool AnsweredWithFailure)
{
    public string Topic => Headers.GetValueOrDefault("X-Shopify-Topic") ?? "";
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
