using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncDashboard.Core.Connections;

namespace SyncDashboard.Core.Persistence.Configurations;

internal sealed class PendingStoreInstallConfiguration : IEntityTypeConfiguration<PendingStoreInstall>
{
    public void Configure(EntityTypeBuilder<PendingStoreInstall> builder)
    {
        builder.ToTable("pending_store_installs");
        builder.Property(p => p.State).HasMaxLength(64);
        builder.HasIndex(p => p.State).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.BaseUrl).HasMaxLength(500);
        builder.Property(p => p.ClientId).HasMaxLength(200);
        builder.Property(p => p.Api).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Outcome).HasMaxLength(1000);
        builder.HasIndex(p => p.CreatedAt);
    }
}
