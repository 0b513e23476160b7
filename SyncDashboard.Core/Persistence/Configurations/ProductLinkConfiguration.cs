using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncDashboard.Core.Linking;

namespace SyncDashboard.Core.Persistence.Configurations;

internal sealed class ProductLinkConfiguration : IEntityTypeConfiguration<ProductLink>
{
    public void Configure(EntityTypeBuilder<ProductLink> builder)
    {
        builder.ToTable("product_links");
        builder.HasMany(l => l.Variants).WithOne().HasForeignKey(v => v.ProductLinkId).OnDelete(DeleteBehavior.Cascade);

        // A product is linked at most once on each side.
        builder.HasIndex(l => new { l.SourceStoreId, l.SourceProductId }).IsUnique();
        builder.HasIndex(l => new { l.DestinationStoreId, l.DestinationProductId }).IsUnique();

        // What the reconciliation picks: requested checks first, then the links verified longest ago.
        builder.HasIndex(l => l.CheckRequestedAt);
        builder.HasIndex(l => l.LastVerifiedAt);
        builder.Property(l => l.StateReason).HasMaxLength(2000);
    }
}

internal sealed class VariantLinkConfiguration : IEntityTypeConfiguration<VariantLink>
{
    public void Configure(EntityTypeBuilder<VariantLink> builder)
    {
        builder.ToTable("variant_links");
        builder.HasIndex(v => v.SourceInventoryItemId);
        builder.HasIndex(v => v.DestinationVariantId).IsUnique();
        builder.HasIndex(v => v.DestinationInventoryItemId);
    }
}
