using System.Net;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Stores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Rules;

/// <summary>
/// Which addresses a store may be called at: public ones, but never the dashboard's own machine's, even
/// a public one (a connection test to it would reach the machine's own services); private ones only when
/// allowed.
/// </summary>
public sealed class StoreAddressPolicyTests
{
    private static readonly IPAddress OwnPublic = IPAddress.Parse("203.0.114.20");
    private static readonly IPAddress OtherPublic = IPAddress.Parse("23.227.38.65"); // a Shopify storefront's

    private static StoreAddressPolicy Policy(bool allowPrivate = false) =>
        new(new TestOptionsMonitor<StoreAddressOptions>(new StoreAddressOptions { AllowPrivateAddresses = allowPrivate }),
            new TestHostAddresses(OwnPublic, IPAddress.Parse("2001:db8:1::20")));

    [Fact]
    public void TheMachinesOwnPublicAddressIsRefusedLikeAPrivateOneAndOthersAreNot()
    {
        var policy = Policy();

        Assert.False(policy.IsAllowed(OwnPublic, 443));
        Assert.False(policy.IsAllowed(OwnPublic.MapToIPv6(), 443));
        Assert.False(policy.IsAllowed(IPAddress.Parse("2001:db8:1::20"), 443));
        Assert.False(policy.IsAllowed(IPAddress.Parse("10.1.2.3"), 443));
        Assert.True(policy.IsAllowed(OtherPublic, 443));
        Assert.True(Policy(allowPrivate: true).IsAllowed(OwnPublic, 443)); // the Owner's setting allows it, as it allows private ones
    }

    [Fact]
    public async Task TheRefusalOfTheMachinesOwnAddressSaysSo()
    {
        var refused = await Assert.ThrowsAsync<StoreAddressRefusedException>(() => Policy().ResolveAsync(OwnPublic.ToString(), 443));

        Assert.Equal("203.0.114.20 is an address of the machine SyncDashboard runs on, and SyncDashboard calls stores only at public addresses " +
            "(such as https://my-shop.myshopify.com) unless the setting Stores:AllowPrivateAddresses is true.", refused.Reason);
    }
}
