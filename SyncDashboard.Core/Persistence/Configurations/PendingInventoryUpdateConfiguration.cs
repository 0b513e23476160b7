using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Persistence.Configurations;

internal sealed class PendingInventoryUpdateConfiguration : IEntityTypeConfiguration<PendingInventoryUpdate>
{
    public void Configure(EntityTypeBuilder<PendingInventoryUpdate> builder)
    {
        builder.ToTable("pending_inventory_updates");
        builder.HasKey(p => new { p.SourceStoreId, p.SourceInventoryItemId });
        builder.HasIndex(p => p.NotBefore);
    }
}
