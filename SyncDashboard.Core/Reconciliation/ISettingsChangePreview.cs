using SyncDashboard.Core.Connections;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>
/// What saving new settings for a Source would do to Destination products at once (the reconciliation
/// applies them right after the save), so that the merchant confirms it first: copies deleted or set to
/// draft because their Source product is draft or archived now, products drafted by the current setting
/// that get their status back, and the merchant's own mapped listings whose fields would start following
/// the Source.
/// </summary>
public interface ISettingsChangePreview
{
    /// <summary>The impact of saving <paramref name="proposed"/> for the Source <paramref name="sourceStoreId"/>, against its saved settings.</summary>
    /// <exception cref="KeyNotFoundException">No such connection.</exception>
    Task<SettingsChangeImpact> PreviewAsync(int sourceStoreId, SourceSettings proposed, CancellationToken cancellationToken = default);
}
