namespace SyncDashboard.Core.Catalogue;

/// <summary>What <see cref="WebhookSubscriptions.EnsureAsync"/> changed at a store.</summary>
/// <param name="Added">Topics subscribed again (missing).</param>
/// <param name="Removed">Subscriptions to this dashboard's receiver that were wrong: another address (an old public URL) or a topic it does not use.</param>
public sealed record WebhookRepair(int Added, int Removed)
{
    public bool Changed => Added > 0 || Removed > 0;
}
