using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncDashboard.Core.Activity;

namespace SyncDashboard.Core.Persistence.Configurations;

internal sealed class ActivityEntryConfiguration : IEntityTypeConfiguration<ActivityEntry>
{
    public void Configure(EntityTypeBuilder<ActivityEntry> builder)
    {
        builder.ToTable("activity");
        builder.Property(a => a.Message).HasMaxLength(2000);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.Read, a.At });
        builder.HasIndex(a => new { a.Kind, a.At });
        builder.HasIndex(a => new { a.StoreId, a.At });
        builder.HasIndex(a => a.Sku);
        builder.Property(a => a.User).HasMaxLength(256);
        builder.HasIndex(a => new { a.User, a.At });
    }
}
