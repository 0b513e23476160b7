namespace SyncDashboard.Core.Stores;

/// <summary>
/// A store's webhooks, as the engine needs them: which topics to subscribe, whether a delivery is
/// genuinely from the store, and what it says, as a store-neutral <see cref="StoreEvent"/>. The
/// store's own vocabulary (signature scheme, topic names, payload shapes) stays in its adapter.
/// </summary>
public interface IStoreWebhooks
{
    /// <summary>The topics the engine subscribes to, in the store's own names.</summary>
    IReadOnlyList<string> Topics { get; }

    /// <summary>Whether <paramref name="signature"/> is the store's signature of <paramref name="body"/> with <paramref name="secret"/> (constant time).</summary>
    bool Verify(string secret, byte[] body, string? signature);

    /// <summary>What a delivery of <paramref name="topic"/> says; null for a topic the engine does not use.</summary>
    /// <exception cref="FormatException">The body is not what the topic carries.</exception>
    StoreEvent? Parse(string topic, byte[] body);
}
