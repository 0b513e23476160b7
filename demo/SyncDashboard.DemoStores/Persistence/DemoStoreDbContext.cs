using Microsoft.EntityFrameworkCore;

namespace SyncDashboard.DemoStores.Persistence;

/// <summary>
/// The demo stores' own SQLite file (beside the dashboard's data, never mixed with it). Every row
/// carries its store's name, so one file holds all the demo stores. Products are kept as the
/// JSON document the API serves, which keeps the server faithful to Shopify's shapes.
/// </summary>
public sealed class DemoStoreDbContext(DbContextOptions<DemoStoreDbContext> options) : DbContext(options)
{
    public DbSet<DemoStoreRow> Stores => Set<DemoStoreRow>();
    public DbSet<DemoProductRow> Products => Set<DemoProductRow>();
    public DbSet<DemoInventoryLevelRow> InventoryLevels => Set<DemoInventoryLevelRow>();
    public DbSet<DemoLocationRow> Locations => Set<DemoLocationRow>();
    public DbSet<DemoWebhookRow> Webhooks => Set<DemoWebhookRow>();
    public DbSet<DemoMetafieldRow> Metafields => Set<DemoMetafieldRow>();
    public DbSet<DemoOAuthTokenRow> OAuthTokens => Set<DemoOAuthTokenRow>();

    /// <summary>
    /// Tables added after the first release, created in a file made by an earlier version (whose schema
    /// <c>EnsureCreated</c> leaves as it is). Their shape matches what <c>EnsureCreated</c> makes.
    /// </summary>
    internal const string AddedTablesSql = """
        CREATE TABLE IF NOT EXISTS "metafields" (
            "Store" TEXT NOT NULL, "Id" INTEGER NOT NULL, "OwnerId" INTEGER NOT NULL, "Json" TEXT NOT NULL,
            CONSTRAINT "PK_metafields" PRIMARY KEY ("Store", "Id"));
        CREATE TABLE IF NOT EXISTS "oauth_tokens" (
            "Store" TEXT NOT NULL, "Hash" TEXT NOT NULL, "Kind" TEXT NOT NULL, "AccessMode" TEXT NOT NULL, "Scope" TEXT NOT NULL,
            "RedirectUri" TEXT NULL, "IssuedAt" TEXT NOT NULL, "ExpiresAt" TEXT NULL,
            CONSTRAINT "PK_oauth_tokens" PRIMARY KEY ("Store", "Hash"));
        """;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DemoStoreRow>(store =>
        {
            store.ToTable("stores");
            store.HasKey(s => s.Name);
        });
        modelBuilder.Entity<DemoProductRow>(product =>
        {
            product.ToTable("products");
            product.HasKey(p => new { p.Store, p.Id });
        });
        modelBuilder.Entity<DemoInventoryLevelRow>(level =>
        {
            level.ToTable("inventory_levels");
            level.HasKey(l => new { l.Store, l.InventoryItemId, l.LocationId });
        });
        modelBuilder.Entity<DemoLocationRow>(location =>
        {
            location.ToTable("locations");
            location.HasKey(l => new { l.Store, l.Id });
        });
        modelBuilder.Entity<DemoWebhookRow>(webhook =>
        {
            webhook.ToTable("webhooks");
            webhook.HasKey(w => new { w.Store, w.Id });
        });
        modelBuilder.Entity<DemoMetafieldRow>(metafield =>
        {
            metafield.ToTable("metafields");
            metafield.HasKey(m => new { m.Store, m.Id });
        });
        modelBuilder.Entity<DemoOAuthTokenRow>(token =>
        {
            token.ToTable("oauth_tokens");
            token.HasKey(t => new { t.Store, t.Hash });
        });
    }
}

public sealed class DemoStoreRow
{
    public required string Name { get; set; }

    /// <summary>The next id the store hands out (products, variants, images and all share it).</summary>
    public long NextId { get; set; }

    /// <summary>Set once the store was given its first catalogue, so a restart does not seed it again.</summary>
    public bool Seeded { get; set; }
}

public sealed class DemoProductRow
{
    public required string Store { get; set; }
    public long Id { get; set; }

    /// <summary>The product as <c>GET products/{id}.json</c> returns it (without the envelope).</summary>
    public required string Json { get; set; }
}

public sealed class DemoInventoryLevelRow
{
    public required string Store { get; set; }
    public long InventoryItemId { get; set; }
    public long LocationId { get; set; }
    public int Available { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class DemoLocationRow
{
    public required string Store { get; set; }
    public long Id { get; set; }
    public required string Json { get; set; }
}

public sealed class DemoWebhookRow
{
    public required string Store { get; set; }
    public long Id { get; set; }
    public required string Json { get; set; }
}

/// <summary>A metafield of a product, as <c>GET products/{id}/metafields.json</c> returns it.</summary>
public sealed class DemoMetafieldRow
{
    public required string Store { get; set; }
    public long Id { get; set; }

    /// <summary>The product that owns it.</summary>
    public long OwnerId { get; set; }

    public required string Json { get; set; }
}
