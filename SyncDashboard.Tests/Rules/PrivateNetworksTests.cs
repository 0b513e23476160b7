using System.Net;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Rules;

/// <summary>Which addresses are on private or local networks (the ranges of <see cref="PrivateNetworks"/>), and which are public.</summary>
public sealed class PrivateNetworksTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.251")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::127.0.0.1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:c0a8:0101::1")]
    public void PrivateAndLocalAddressesAreKnown(string address) => Assert.True(PrivateNetworks.Contains(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("23.227.38.65")]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("128.0.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("169.253.0.1")]
    [InlineData("192.167.1.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2620:127:f00f:5::")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("fbff::1")]
    [InlineData("fe7f::1")]
    [InlineData("::ffff:23.227.38.65")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:0808:0808::1")]
    public void PublicAddressesAreNot(string address) => Assert.False(PrivateNetworks.Contains(IPAddress.Parse(address)), address);
}
