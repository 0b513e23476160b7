using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Linking;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Rules;

/// <summary>
/// Check requests on links (in-memory SQLite, no stores): a request made while a reconciliation is
/// reading the link outlives that run; one made before it is answered by it.
/// </summary>
public sealed class LinkCheckRequestTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly LinkStore _links;

    public LinkCheckRequestTests() => _links = new LinkStore(_database.Factory, _time);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ARequestMadeDuringARunOutlivesIt()
    {
        var link = await NewLinkAsync(100);
        Assert.Equal(1, await _links.RequestCheckAsync([link.Id])); // a first change: requested at 12:00:00

        _time.Advance(TimeSpan.FromSeconds(1));
        var runReadsAt = _time.GetUtcNow(); // a run starts reading both sides
        _time.Advance(TimeSpan.FromSeconds(1));
        await _links.RequestCheckAsync([link.Id]); // a second change arrives while it runs
        _time.Advance(TimeSpan.FromSeconds(1));
        await _links.RecordVerificationAsync(InStep(link.Id), runReadsAt);

        Assert.NotNull(await RequestedAtAsync(link.Id)); // the second change gets its own run

        var nextRun = _time.GetUtcNow();
        await _links.RecordVerificationAsync(InStep(link.Id), nextRun);
        Assert.Null(await RequestedAtAsync(link.Id));
    }

    [Fact]
    public async Task EveryLinkOfASourceIsRequestedWhenItsSettingsChange()
    {
        var first = await NewLinkAsync(100);
        var second = await NewLinkAsync(101);
        var other = await NewLinkAsync(102, sourceStoreId: 3);

        Assert.Equal(2, await _links.RequestCheckOfSourceAsync(2));

        Assert.NotNull(await RequestedAtAsync(first.Id));
        Assert.NotNull(await RequestedAtAsync(second.Id));
        Assert.Null(await RequestedAtAsync(other.Id));
    }

    private Task<ProductLink> NewLinkAsync(long sourceProductId, int sourceStoreId = 2) =>
        _links.CreateAsync(new NewLink(sourceStoreId, sourceProductId, 1, sourceProductId + 1000, LinkKind.Mapped,
            [new VariantLink { SourceVariantId = sourceProductId * 10, SourceInventoryItemId = sourceProductId * 100, DestinationVariantId = sourceProductId * 20,
                DestinationInventoryItemId = sourceProductId * 200, Sku = $"SKU-{sourceProductId}" }], RequestCheck: false));

    private static LinkVerification InStep(long linkId) => new(linkId, LinkState.InStep, null, false, null, null, new Dictionary<long, (int?, int?)>());

    private async Task<DateTimeOffset?> RequestedAtAsync(long linkId)
    {
        await using var db = await _database.Factory.CreateDbContextAsync();
        return await db.ProductLinks.Where(l => l.Id == linkId).Select(l => l.CheckRequestedAt).SingleAsync();
    }
}
