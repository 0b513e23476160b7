using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncDashboard.Core.Jobs;

namespace SyncDashboard.Core.Persistence.Configurations;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.Property(j => j.StartedBy).HasMaxLength(256);
        builder.HasMany(j => j.Items).WithOne().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(j => j.Status);
    }
}

internal sealed class JobItemConfiguration : IEntityTypeConfiguration<JobItem>
{
    public void Configure(EntityTypeBuilder<JobItem> builder)
    {
        builder.ToTable("job_items");
        builder.HasIndex(i => new { i.JobId, i.Status, i.Position });
    }
}

internal sealed class JobMappingReportConfiguration : IEntityTypeConfiguration<JobMappingReport>
{
    public void Configure(EntityTypeBuilder<JobMappingReport> builder)
    {
        builder.ToTable("job_mapping_reports");
        builder.HasKey(r => r.JobId);
        builder.HasOne<Job>().WithOne().HasForeignKey<JobMappingReport>(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.SavedAt);
    }
}
