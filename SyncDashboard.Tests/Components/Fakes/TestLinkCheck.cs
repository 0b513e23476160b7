using SyncDashboard.Core.Products;
using SyncDashboard.Core.Reconciliation;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>
/// Records the products checked; a test decides what a check finds by putting the details it leads to
/// in <see cref="After"/> (copied into the product query fake when the check runs), and can hold a check
/// open with <see cref="Gate"/>.
/// </summary>
public sealed class TestLinkCheck(TestProductQueryService products) : ILinkCheck
{
    public List<long> Checked { get; } = [];
    public Dictionary<long, ProductDetails> After { get; } = [];
    public TaskCompletionSource Gate { get; set; } = CompletedGate();

    public async Task<bool> CheckProductAsync(long productId, CancellationToken cancellationToken = default)
    {
        Checked.Add(productId);
        await Gate.Task.WaitAsync(cancellationToken);
        if (After.TryGetValue(productId, out var details))
        {
            products.Details[productId] = details;
        }
        return products.Details.TryGetValue(productId, out var current) && current.Link is not null;
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}
