using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyncDashboard.DemoStores;

namespace SyncDashboard.Tests.DemoStores;

public sealed class DemoStoresOptionsValidatorTests
{
    [Fact]
    public async Task BadDemoStoreConfigurationStopsTheStartWithEveryProblemNamed()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DemoStores:Enabled"] = "true",
            ["DemoStores:Stores:0:Name"] = "alpha",
            ["DemoStores:Stores:0:Domain"] = "alpha.myshopify.com",
            ["DemoStores:Stores:0:Port"] = "70000",
            ["DemoStores:Stores:0:AccessToken"] = "",
            ["DemoStores:Stores:0:WebhookSecret"] = "s",
            ["DemoStores:Stores:1:Name"] = "ALPHA",
            ["DemoStores:Stores:1:Domain"] = "alpha2.myshopify.com",
            ["DemoStores:Stores:1:AccessToken"] = "t",
            ["DemoStores:Stores:1:WebhookSecret"] = "s",
            ["DemoStores:Stores:1:LeakRatePerSecond"] = "0",
        });
        builder.Services.AddDemoStores();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DemoStores:Stores:0:Port 70000 is not a port number", error.Message);
        Assert.Contains("DemoStores:Stores:0:AccessToken is required", error.Message);
        Assert.Contains("DemoStores:Stores:0:ClientId is required", error.Message);
        Assert.Contains("DemoStores:Stores:1:ClientSecret is required", error.Message);
        Assert.Contains("DemoStores:Stores:1:LeakRatePerSecond must be greater than 0", error.Message);
        Assert.Contains("the name 'alpha' is used more than once", error.Message);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData(null, true)]
    public void TheWebAppOptsIntoTheDemoStoresOnlyWhenEnabled(string? enabled, bool registered)
    {
        var settings = enabled is null ? [] : new Dictionary<string, string?> { ["DemoStores:Enabled"] = enabled };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);

        services.AddDemoStoresWhenEnabled(configuration);

        Assert.Equal(registered, services.Any(d => d.ServiceType == typeof(DemoStoresHost)));
        Assert.Equal(registered, services.Any(d => d.ServiceType == typeof(IDemoConsole)));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(registered, provider.GetRequiredService<IOptions<DemoStoresOptions>>().Value.Enabled);
    }

    [Fact]
    public void DisabledDemoStoresNeedNoStores()
    {
        var result = new DemoStoresOptionsValidator().Validate(null, new DemoStoresOptions { Enabled = false });
        Assert.True(result.Succeeded);
    }
}
