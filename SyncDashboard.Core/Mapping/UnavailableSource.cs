using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Reconciliation;

namespace SyncDashboard.Core.Mapping;

/// <summary>
/// What mapping a listing to a Source product that is draft or archived means for it, in words, for
/// both mappers: the Source's setting decides (a mapped listing is never deleted: it is set to draft, or
/// kept with stock 0, until the Source product is active again; see <see cref="LinkSettings.For"/>).
/// </summary>
public static class UnavailableSource
{
    /// <summary>Whether a Source product of that status sells (null counts as active, as Shopify's default).</summary>
    public static bool IsAvailable(string? status) => status is null or "active";

    /// <summary>"this listing is set to draft" or "this listing's stock is held at 0".</summary>
    public static string Consequence(StoreConnection source) =>
        LinkSettings.For(source, LinkKind.Mapped).DeletePolicy == SourceDeletePolicy.SetToDraft
            ? "this listing is set to draft"
            : "this listing's stock is held at 0";

    /// <summary>The warning the Individual Mapper shows: "“Oak Candle” is draft in Hearth &amp; Home: until it is active there, this listing's stock is held at 0."</summary>
    public static string Warning(string sourceTitle, string status, StoreConnection source) =>
        $"\"{sourceTitle}\" is {status} in {source.Name}: until it is active there, {Consequence(source)}.";
}
