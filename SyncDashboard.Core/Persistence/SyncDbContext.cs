using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Core.Users;
using SyncDashboard.Core.Webhooks;

namespace SyncDashboard.Core.Persistence;

/// <summary>
/// The dashboard's own data: connections and pending install links, catalogue mirrors, links, jobs, the
/// Activity Log, and the team's users and roles (ASP.NET Core Identity's tables) with their one-time links.
/// </summary>
public sealed class SyncDbContext(DbContextOptions<SyncDbContext> options) : IdentityDbContext<DashboardUser, IdentityRole, string>(options)
{
    public DbSet<StoreConnection> StoreConnections => Set<StoreConnection>();
    public DbSet<MirroredProduct> Products => Set<MirroredProduct>();
    public DbSet<MirroredVariant> Variants => Set<MirroredVariant>();
    public DbSet<ProductLink> ProductLinks => Set<ProductLink>();
    public DbSet<VariantLink> VariantLinks => Set<VariantLink>();
    public DbSet<SyncAttempt> SyncAttempts => Set<SyncAttempt>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobItem> JobItems => Set<JobItem>();
    public DbSet<JobMappingReport> JobMappingReports => Set<JobMappingReport>();
    public DbSet<ActivityEntry> Activity => Set<ActivityEntry>();
    public DbSet<ReceivedWebhook> ReceivedWebhooks => Set<ReceivedWebhook>();
    public DbSet<PendingInventoryUpdate> PendingInventoryUpdates => Set<PendingInventoryUpdate>();
    public DbSet<PendingStoreInstall> PendingStoreInstalls => Set<PendingStoreInstall>();
    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's users, roles, claims, logins and tokens
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SyncDbContext).Assembly, t => t.Namespace == typeof(SyncDbContext).Namespace + ".Configurations");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset or decimal natively: store them in forms it can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<string>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
