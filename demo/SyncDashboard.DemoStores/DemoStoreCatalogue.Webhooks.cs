using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.Persistence;

namespace SyncDashboard.DemoStores;

// Webhook subscriptions: listed, created (address and topic checked), deleted, kept across restarts.
internal sealed partial class DemoStoreCatalogue
{
    private static readonly HashSet<string> ProductTopics = [DemoWebhookTopics.ProductsCreate, "products/update"];

    private readonly AsyncLocal<List<(string Topic, JsonNode Payload)>?> _heldWebhooks = new();

    /// <summary>
    /// Holds the webhooks of one API operation made of several catalogue changes (a <c>productSet</c>
    /// creates the product, then sets its quantities) until it ends; then each product's webhooks
    /// become one (a create stays a create) carrying the product as the operation left it, as
    /// Shopify's payloads of one mutation do, followed by the operation's other webhooks in order.
    /// </summary>
    public IDisposable HoldWebhooks()
    {
        var held = new List<(string Topic, JsonNode Payload)>();
        _heldWebhooks.Value = held;
        return new HeldWebhooks(this, held);
    }

    private void ReleaseWebhooks(List<(string Topic, JsonNode Payload)> held)
    {
        _heldWebhooks.Value = null;
        var products = new Dictionary<long, string>(); // product id -> its first topic
        foreach (var (topic, payload) in held)
        {
            if (ProductTopics.Contains(topic) && payload["id"]?.GetValue<long>() is { } id)
            {
                products.TryAdd(id, topic);
            }
        }
        foreach (var (id, topic) in products)
        {
            JsonObject? current;
            lock (_gate)
            {
                current = _products.TryGetValue(id, out var product) ? ToJson(product) : null;
            }
            if (current is not null)
            {
                Raise(topic, current);
            }
        }
        foreach (var (topic, payload) in held.Where(h => !ProductTopics.Contains(h.Topic)))
        {
            Raise(topic, payload);
        }
    }

    private sealed class HeldWebhooks(DemoStoreCatalogue catalogue, List<(string Topic, JsonNode Payload)> held) : IDisposable
    {
        public void Dispose() => catalogue.ReleaseWebhooks(held);
    }

    // ---------------------------------------------------------------- webhooks

    /// <param name="ofApp">
    /// Only the subscriptions of one app: those made with tokens the app got from its client id and
    /// secret (true) or with the legacy token (false); null for all (the dispatcher). On Shopify an
    /// app sees and manages its own subscriptions only.
    /// </param>
    public IReadOnlyList<ShopifyWebhook> ListWebhooks(string? topic = null, string? address = null, bool? ofApp = null)
    {
        lock (_gate)
        {
            return _webhooks.Values
                .Where(w => (topic is null || w.Topic == topic) && (address is null || w.Address == address)
                    && (ofApp is null || _signedByApp.Contains(w.Id!.Value) == ofApp))
                .ToList();
        }
    }

    public ShopifyWebhook GetWebhook(long id)
    {
        lock (_gate)
        {
            return _webhooks.TryGetValue(id, out var webhook) ? webhook : throw new DemoStoreNotFoundException();
        }
    }

    /// <summary>
    /// Whether the subscription was made with a token the app got from its client id and secret
    /// (client credentials or install): Shopify signs such an app's webhooks with its client
    /// secret; those of a legacy token's app are signed with the store's <c>WebhookSecret</c>.
    /// </summary>
    public bool IsSignedByApp(long webhookId)
    {
        lock (_gate)
        {
            return _signedByApp.Contains(webhookId);
        }
    }

    /// <param name="signedByApp">Made with a token the app got from its client id and secret (see <see cref="IsSignedByApp"/>).</param>
    public ShopifyWebhook CreateWebhook(ShopifyWebhook input, string apiVersion, bool signedByApp = false)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Topic))
        {
            errors["topic"] = ["can't be blank"];
        }
        else if (!DemoWebhookTopics.Supported.Contains(input.Topic))
        {
            errors["topic"] = ["Invalid topic specified. Topics allowed: " + string.Join(", ", DemoWebhookTopics.Supported)];
        }
        if (string.IsNullOrWhiteSpace(input.Address))
        {
            errors["address"] = ["can't be blank"];
        }
        else if (!Uri.TryCreate(input.Address, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            errors["address"] = ["is invalid"];
        }
        if (input.Format is not null and not "json")
        {
            errors["format"] = ["is not included in the list"];
        }
        if (errors.Count > 0)
        {
            throw new DemoStoreValidationException(errors);
        }

        lock (_gate)
        {
            if (_webhooks.Values.Any(w => w.Topic == input.Topic && w.Address == input.Address && _signedByApp.Contains(w.Id!.Value) == signedByApp))
            {
                throw DemoStoreValidationException.For("address", "for this topic has already been taken");
            }
            var now = Now();
            var webhook = new ShopifyWebhook
            {
                Id = NewId(),
                Topic = input.Topic,
                Address = input.Address,
                Format = "json",
                ApiVersion = apiVersion,
                Fields = input.Fields ?? [],
                CreatedAt = now,
                UpdatedAt = now,
            };
            _webhooks[webhook.Id!.Value] = webhook;
            var json = System.Text.Json.Nodes.JsonNode.Parse(Serialize(webhook))!.AsObject();
            if (signedByApp)
            {
                _signedByApp.Add(webhook.Id.Value);
                json[SignedByAppKey] = true; // kept with the subscription (not part of Shopify's shape: never served)
            }
            using var db = new DemoStoreDbContext(_db);
            db.Webhooks.Add(new DemoWebhookRow { Store = _store, Id = webhook.Id.Value, Json = json.ToJsonString() });
            SaveStoreState(db);
            db.SaveChanges();
            return webhook;
        }
    }

    public void DeleteWebhook(long id)
    {
        lock (_gate)
        {
            if (!_webhooks.Remove(id))
            {
                throw new DemoStoreNotFoundException();
            }
            _signedByApp.Remove(id);
            using var db = new DemoStoreDbContext(_db);
            db.Webhooks.Where(w => w.Store == _store && w.Id == id).ExecuteDelete();
        }
    }
}
