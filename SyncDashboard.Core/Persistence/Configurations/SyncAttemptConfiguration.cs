using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Persistence.Configurations;

internal sealed class SyncAttemptConfiguration : IEntityTypeConfiguration<SyncAttempt>
{
    public void Configure(EntityTypeBuilder<SyncAttempt> builder)
    {
        builder.ToTable("sync_attempts");
        builder.HasIndex(a => new { a.SourceStoreId, a.SourceProductId }).IsUnique();
    }
}
