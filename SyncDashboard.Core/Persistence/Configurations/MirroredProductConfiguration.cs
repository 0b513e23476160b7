using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;

namespace SyncDashboard.Core.Persistence.Configurations;

internal sealed class MirroredProductConfiguration : IEntityTypeConfiguration<MirroredProduct>
{
    public void Configure(EntityTypeBuilder<MirroredProduct> builder)
    {
        builder.ToTable("products");
        builder.HasOne<StoreConnection>().WithMany().HasForeignKey(p => p.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.StoreId, p.ExternalId }).IsUnique();

        // What the grid filters and sorts on, always within one store.
        builder.HasIndex(p => new { p.StoreId, p.SyncState, p.Title });
        builder.HasIndex(p => new { p.StoreId, p.LinkState, p.Title });
        builder.HasIndex(p => new { p.StoreId, p.Problem, p.Title });
        builder.HasIndex(p => new { p.StoreId, p.Title });
        builder.HasIndex(p => new { p.StoreId, p.Vendor });
        builder.HasIndex(p => new { p.StoreId, p.StoreUpdatedAt });
    }
}

internal sealed class MirroredVariantConfiguration : IEntityTypeConfiguration<MirroredVariant>
{
    public void Configure(EntityTypeBuilder<MirroredVariant> builder)
    {
        builder.ToTable("variants");
        builder.HasIndex(v => new { v.StoreId, v.ExternalId }).IsUnique();
        builder.HasIndex(v => new { v.StoreId, v.NormalizedSku });
        builder.HasIndex(v => new { v.StoreId, v.InventoryItemId });
    }
}
