using Microsoft.Extensions.Logging;
using SyncDashboard.DemoStores.Seeding;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores;

/// <summary>
/// Gives each demo store its first catalogue, once: the generated catalogues (Sources, and a
/// Destination that already holds some of their products, the same or slightly different) plus
/// the Shopify sample CSVs a store lists. A store that was seeded before keeps its state.
/// </summary>
public sealed class DemoStoreSeeder(ILogger<DemoStoreSeeder> logger)
{
    public async Task SeedAsync(IReadOnlyList<DemoStoreServer> stores, DemoCatalogueOptions catalogue, CancellationToken cancellationToken)
    {
        var unseeded = stores.Where(s => !s.IsSeeded).ToList();
        if (unseeded.Count == 0)
        {
            return;
        }
        var sourceNames = stores.Where(s => s.Options.Role == DemoStoreRole.Source).Select(s => s.Name).ToList();
        var generated = CatalogueGenerator.Generate(catalogue, sourceNames);
        foreach (var store in unseeded)
        {
            var products = new List<ShopifyProduct>();
            foreach (var file in store.Options.CsvCatalogues)
            {
                products.AddRange(ShopifyCsvImporter.ImportEmbedded(file).Products);
            }
            products.AddRange(store.Options.Role == DemoStoreRole.Destination
                ? generated.Destination
                : generated.Sources[store.Name]);
            foreach (var product in products)
            {
                DemoStoreImages.Localize(product, store.BaseUrl);
            }
            var count = await store.SeedAsync(products, cancellationToken);
            logger.LogInformation("Seeded demo store {Store} with {Count} products", store.Name, count);
        }
    }
}
