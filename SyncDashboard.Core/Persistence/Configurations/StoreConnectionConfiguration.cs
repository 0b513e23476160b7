using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncDashboard.Core.Connections;

namespace SyncDashboard.Core.Persistence.Configurations;

internal sealed class StoreConnectionConfiguration : IEntityTypeConfiguration<StoreConnection>
{
    public void Configure(EntityTypeBuilder<StoreConnection> builder)
    {
        builder.ToTable("store_connections");
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.BaseUrl).HasMaxLength(500);
        builder.Property(c => c.ShopDomain).HasMaxLength(255);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasIndex(c => c.ShopDomain);
        builder.Ignore(c => c.PriceRule); // stored as its four columns
        builder.Property(c => c.SyncedFields).HasMaxLength(200);
        builder.Property(c => c.MappedFields).HasMaxLength(200);
        builder.Property(c => c.Api).HasConversion<string>().HasMaxLength(20).HasDefaultValue(Stores.StoreApi.GraphQL);
        builder.Property(c => c.Credentials).HasConversion<string>().HasMaxLength(30).HasDefaultValue(StoreCredentialKind.AccessToken);
        builder.Property(c => c.ClientId).HasMaxLength(200);
    }
}
