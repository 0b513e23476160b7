using System.Globalization;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>
/// Settings for a dashboard that a test stops and starts again on the same data: the demo stores on
/// ports chosen once (the connections saved in the database keep their addresses), the test catalogue,
/// every store on <paramref name="adapter"/>'s API, and short store-call timeouts; a test adds its own.
/// </summary>
public static class RestartSettings
{
    public static Dictionary<string, string?> For(StoreApi adapter)
    {
        var (destination, urban, hearth) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        return new Dictionary<string, string?>
        {
            ["Stores:Destination:Api"] = adapter.ToString(),
            ["Stores:Sources:0:Api"] = adapter.ToString(),
            ["Stores:Sources:1:Api"] = adapter.ToString(),
            ["DemoStores:Catalogue:ProductsPerSource"] = "40",
            ["DemoStores:Catalogue:DestinationOnlyProducts"] = "10",
            ["DemoStores:Catalogue:DuplicateSkuShare"] = "0.1",
            ["DemoStores:Stores:1:CsvCatalogues:0"] = "apparel.csv",
            ["Shopify:AttemptTimeout"] = "00:00:02",
            ["Shopify:BaseRetryDelay"] = "00:00:00.2",
            ["Stores:Destination:BaseUrl"] = $"http://127.0.0.1:{destination}",
            ["Stores:Sources:0:BaseUrl"] = $"http://127.0.0.1:{urban}",
            ["Stores:Sources:1:BaseUrl"] = $"http://127.0.0.1:{hearth}",
            ["DemoStores:Stores:0:Port"] = destination.ToString(CultureInfo.InvariantCulture),
            ["DemoStores:Stores:1:Port"] = urban.ToString(CultureInfo.InvariantCulture),
            ["DemoStores:Stores:2:Port"] = hearth.ToString(CultureInfo.InvariantCulture),
        };
    }
}
