using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Reconciliation;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>Answers each preview with <see cref="Impact"/> and records the settings it was asked about.</summary>
public sealed class TestSettingsChangePreview : ISettingsChangePreview
{
    public SettingsChangeImpact Impact { get; set; } = SettingsChangeImpact.None;
    public List<(int SourceStoreId, SourceSettings Settings)> Asked { get; } = [];

    public Task<SettingsChangeImpact> PreviewAsync(int sourceStoreId, SourceSettings proposed, CancellationToken cancellationToken = default)
    {
        Asked.Add((sourceStoreId, proposed));
        return Task.FromResult(Impact);
    }
}
