using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncDashboard.Core.Webhooks;

namespace SyncDashboard.Core.Persistence.Configurations;

internal sealed class ReceivedWebhookConfiguration : IEntityTypeConfiguration<ReceivedWebhook>
{
    public void Configure(EntityTypeBuilder<ReceivedWebhook> builder)
    {
        builder.ToTable("received_webhooks");
        builder.HasKey(w => w.WebhookId);
        builder.HasIndex(w => w.ReceivedAt);
        builder.HasIndex(w => new { w.ProcessedAt, w.ReceivedAt });
    }
}
