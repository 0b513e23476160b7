namespace SyncDashboard.DemoStores.GraphQL.InputObjects;

/// <summary>
/// <c>MetafieldsSetInput</c> (2026-10, shopify.dev input-objects/MetafieldsSetInput): the owner's
/// GID (a <c>Product</c> in the demo stores), namespace (the app's reserved <c>$app</c> when
/// omitted), key, type and value as a string. <see cref="CompareDigestGiven"/> tells an explicit
/// <c>compareDigest: null</c> ("must not exist yet") from an absent one (no check).
/// </summary>
internal sealed class MetafieldsSetInput
{
    public string OwnerId { get; set; } = "";
    public string? Namespace { get; set; }
    public string Key { get; set; } = "";
    public string? Type { get; set; }
    public string Value { get; set; } = "";
    public string? CompareDigest { get; set; }
    public bool CompareDigestGiven { get; set; }
}
