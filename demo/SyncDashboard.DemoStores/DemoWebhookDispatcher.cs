using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores;

/// <summary>
/// Delivers a demo store's webhooks as Shopify does: a POST of the REST resource to every address
/// subscribed to the topic, signed with the store's secret (<c>X-Shopify-Hmac-Sha256</c>), with the
/// same <c>X-Shopify-Webhook-Id</c> on every retry of one delivery. A delivery that fails (no 2xx
/// within the timeout) is retried with growing delays, a few times.
/// </summary>
internal sealed class DemoWebhookDispatcher : IAsyncDisposable
{
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>();
    private readonly DemoStoreOptions _options;
    private readonly DemoStoreFaults _faults;
    private readonly Func<string, IReadOnlyList<ShopifyWebhook>> _subscribers;
    private readonly Func<long, bool> _signedByApp;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private long _sent;
    private long _dropped;
    private long _failed;

    public DemoWebhookDispatcher(DemoStoreOptions options, DemoStoreFaults faults,
        Func<string, IReadOnlyList<ShopifyWebhook>> subscribers, ILogger logger, TimeProvider time,
        Func<long, bool>? signedByApp = null)
    {
        _signedByApp = signedByApp ?? (_ => false);
        _options = options;
        _faults = faults;
        _subscribers = subscribers;
        _logger = logger;
        _time = time;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(options.WebhookTimeoutSeconds) };
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Deliveries answered with 2xx.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Deliveries dropped by fault injection.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Deliveries held back by fault injection (sent later than deliveries of later changes).</summary>
    public long HeldBack => Interlocked.Read(ref _heldBack);

    private long _heldBack;

    /// <summary>Deliveries given up after the last retry.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Queues the topic's payload for every subscribed address.</summary>
    public void Publish(string topic, JsonNode payload)
    {
        var body = payload.ToJsonString(ShopifyJson.Responses);
        var triggeredAt = _time.GetUtcNow();
        // One event (X-Shopify-Event-Id) per change, shared by its deliveries; one webhook id per delivery, kept on retries.
        var eventId = Guid.NewGuid().ToString();
        foreach (var subscription in _subscribers(topic))
        {
            var address = subscription.Address!;
            // An app that authenticates with its client id and secret has its webhooks signed with that secret.
            var secret = subscription.Id is { } id && _signedByApp(id) && !string.IsNullOrEmpty(_options.ClientSecret) ? _options.ClientSecret : _options.WebhookSecret;
            var delivery = new Delivery(Guid.NewGuid().ToString(), eventId, topic, address, body, subscription.ApiVersion ?? "", triggeredAt, Attempt: 1) { Secret = secret };
            if (_faults.ShouldDropWebhook())
            {
                Interlocked.Increment(ref _dropped);
                _logger.LogInformation("Dropped webhook {Topic} to {Address} (fault injection)", topic, address);
                continue;
            }
            if (_faults.WebhookHold() is { } hold && hold > TimeSpan.Zero)
            {
                // Held back: the deliveries of later changes overtake it.
                Interlocked.Increment(ref _heldBack);
                _ = Task.Delay(hold, _time, _stopping.Token).ContinueWith(
                    _ => _queue.Writer.TryWrite(delivery), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                continue;
            }
            _queue.Writer.TryWrite(delivery);
        }
    }

    /// <summary>Base64 of HMAC-SHA256 over the raw body, keyed with the webhook secret.</summary>
    public static string Sign(string secret, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private async Task RunAsync()
    {
        try
        {
            // A few deliveries at a time, so that one slow address does not hold up the others.
            await Parallel.ForEachAsync(_queue.Reader.ReadAllAsync(_stopping.Token),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = _stopping.Token },
                async (delivery, _) => await DeliverAsync(delivery));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(Delivery delivery)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Address)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", delivery.Topic);
        request.Headers.Add("X-Shopify-Hmac-Sha256", Sign(delivery.Secret, body));
        request.Headers.Add("X-Shopify-Shop-Domain", _options.Domain);
        request.Headers.Add("X-Shopify-API-Version", delivery.ApiVersion);
        request.Headers.Add("X-Shopify-Webhook-Id", delivery.WebhookId);
        request.Headers.Add("X-Shopify-Event-Id", delivery.EventId);
        request.Headers.Add("X-Shopify-Triggered-At", delivery.TriggeredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        try
        {
            using var response = await _http.SendAsync(request, _stopping.Token);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _sent);
                return;
            }
            _logger.LogInformation("Webhook {Topic} to {Address} answered {Status}", delivery.Topic, delivery.Address, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stopping.IsCancellationRequested)
        {
            _logger.LogInformation("Webhook {Topic} to {Address} failed: {Error}", delivery.Topic, delivery.Address, e.Message);
        }
        Retry(delivery);
    }

    private void Retry(Delivery delivery)
    {
        if (delivery.Attempt >= _options.WebhookMaxAttempts)
        {
            Interlocked.Increment(ref _failed);
            _logger.LogWarning("Gave up webhook {Topic} to {Address} after {Attempts} attempts", delivery.Topic, delivery.Address, delivery.Attempt);
            return;
        }
        var delay = TimeSpan.FromMilliseconds(_options.WebhookRetryDelayMilliseconds * Math.Pow(2, delivery.Attempt - 1));
        _ = Task.Delay(delay, _time, _stopping.Token).ContinueWith(
            _ => _queue.Writer.TryWrite(delivery with { Attempt = delivery.Attempt + 1 }),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _worker;
        _http.Dispose();
        _stopping.Dispose();
    }

    private sealed record Delivery(string WebhookId, string EventId, string Topic, string Address, string Body, string ApiVersion,
        DateTimeOffset TriggeredAt, int Attempt)
    {
        /// <summary>The secret the delivery is signed with (the store's webhook secret, or the app's client secret).</summary>
        public string Secret { get; init; } = "";
    }
}
