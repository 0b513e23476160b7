using Microsoft.Extensions.Time.Testing;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>
/// The GraphQL bucket's throttling on a clock the test moves: an emptied bucket stays empty until time passes (on the
/// real clock, a loaded machine's few milliseconds between emptying it and asking restored the point a query needs).
/// </summary>
public sealed class DemoStoreGraphQLThrottleTests : GraphQLTestBase
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Clock => _time;

    [Fact]
    public async Task AnEmptyBucketAnswersThrottledInHttp200WhileRestKeepsItsOwnLimit()
    {
        Store.GraphQL.BucketFor(Token).Drain();

        var answer = await GraphQLAsync("{ shop { name } }");

        Assert.Null(answer["data"]);
        Assert.Equal("THROTTLED", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("Throttled", answer["errors"]![0]!["message"]!.GetValue<string>());
        var cost = answer["extensions"]!["cost"]!;
        Assert.Equal(1, cost["requestedQueryCost"]!.GetValue<int>());
        Assert.Null(cost["actualQueryCost"]);
        Assert.InRange(cost["throttleStatus"]!["currentlyAvailable"]!.GetValue<int>(), 0, 0);

        using var rest = await Http.GetAsync("shop.json");
        Assert.True(rest.IsSuccessStatusCode);

        // The bucket restores 100 points a second: a moment later the query runs.
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal("test-store", (await DataAsync("{ shop { name } }"))["shop"]!["name"]!.GetValue<string>());
    }
}
