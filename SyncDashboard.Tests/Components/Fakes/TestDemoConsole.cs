using SyncDashboard.DemoStores;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>Records what the demo console asks a demo store to change.</summary>
public sealed class TestDemoConsole : IDemoConsole
{
    public List<(long VariantId, int Quantity)> QuantitiesSet { get; } = [];
    public List<(long ProductId, string Title)> Renames { get; } = [];

    public Task<int?> SetQuantityAsync(long mirroredVariantId, int quantity, CancellationToken cancellationToken = default)
    {
        QuantitiesSet.Add((mirroredVariantId, quantity));
        return Task.FromResult<int?>(quantity);
    }

    public Task RenameAsync(long mirroredProductId, string title, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new ArgumentException("A product needs a title.", nameof(title));
        }
        Renames.Add((mirroredProductId, title));
        return Task.CompletedTask;
    }
}
