using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncDashboard.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "processed_webhooks");

            migrationBuilder.RenameColumn(
                name: "MarkerTag",
                table: "sync_attempts",
                newName: "Marker");

            // Existing settings and times keep their values under their new names.
            migrationBuilder.RenameColumn(
                name: "FieldSync",
                table: "store_connections",
                newName: "SyncedFields");

            migrationBuilder.RenameColumn(
                name: "LastSyncedAt",
                table: "product_links",
                newName: "LastChangedAt");

            migrationBuilder.AddColumn<string>(
                name: "InventoryPolicy",
                table: "variants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Tracked",
                table: "variants",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "DestinationAvailable",
                table: "variant_links",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SourceAvailable",
                table: "variant_links",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CompareAtPriceMode",
                table: "store_connections",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Copy");

            migrationBuilder.AddColumn<string>(
                name: "MappedFields",
                table: "store_connections",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "PriceFixedAmount",
                table: "store_connections",
                type: "TEXT",
                nullable: false,
                defaultValue: "0");

            migrationBuilder.AddColumn<string>(
                name: "PriceMarkupPercent",
                table: "store_connections",
                type: "TEXT",
                nullable: false,
                defaultValue: "0");

            migrationBuilder.AddColumn<string>(
                name: "PriceRounding",
                table: "store_connections",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "products",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "LastSyncedAt",
                table: "products",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkState",
                table: "products",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkStateReason",
                table: "products",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AppliedImagesKey",
                table: "product_links",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CheckRequestedAt",
                table: "product_links",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastVerifiedAt",
                table: "product_links",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PausedFromStatus",
                table: "product_links",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "product_links",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Repairing");

            migrationBuilder.AddColumn<string>(
                name: "StateReason",
                table: "product_links",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MapCandidateId",
                table: "job_items",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pending_inventory_updates",
                columns: table => new
                {
                    SourceStoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceInventoryItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NotBefore = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pending_inventory_updates", x => new { x.SourceStoreId, x.SourceInventoryItemId });
                });

            migrationBuilder.CreateTable(
                name: "received_webhooks",
                columns: table => new
                {
                    WebhookId = table.Column<string>(type: "TEXT", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Body = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_received_webhooks", x => x.WebhookId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_variant_links_DestinationInventoryItemId",
                table: "variant_links",
                column: "DestinationInventoryItemId");

            migrationBuilder.CreateIndex(
                name: "IX_products_StoreId_LinkState_Title",
                table: "products",
                columns: new[] { "StoreId", "LinkState", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_product_links_CheckRequestedAt",
                table: "product_links",
                column: "CheckRequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_product_links_LastVerifiedAt",
                table: "product_links",
                column: "LastVerifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_pending_inventory_updates_NotBefore",
                table: "pending_inventory_updates",
                column: "NotBefore");

            migrationBuilder.CreateIndex(
                name: "IX_received_webhooks_ProcessedAt_ReceivedAt",
                table: "received_webhooks",
                columns: new[] { "ProcessedAt", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_received_webhooks_ReceivedAt",
                table: "received_webhooks",
                column: "ReceivedAt");

            // Every existing link is verified first thing (its Destination may never have been brought in step),
            // and a Source counts all its locations unless the merchant picks one (older versions pinned the primary one).
            migrationBuilder.Sql("UPDATE product_links SET State = 'Repairing', StateReason = 'Not verified yet.', LastVerifiedAt = NULL");
            migrationBuilder.Sql("UPDATE products SET LinkState = (SELECT l.State FROM product_links l WHERE (l.SourceStoreId = products.StoreId AND l.SourceProductId = products.ExternalId) OR (l.DestinationStoreId = products.StoreId AND l.DestinationProductId = products.ExternalId))");
            migrationBuilder.Sql("UPDATE store_connections SET LocationId = NULL WHERE Role = 'Source'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pending_inventory_updates");

            migrationBuilder.DropTable(
                name: "received_webhooks");

            migrationBuilder.DropIndex(
                name: "IX_variant_links_DestinationInventoryItemId",
                table: "variant_links");

            migrationBuilder.DropIndex(
                name: "IX_products_StoreId_LinkState_Title",
                table: "products");

            migrationBuilder.DropIndex(
                name: "IX_product_links_CheckRequestedAt",
                table: "product_links");

            migrationBuilder.DropIndex(
                name: "IX_product_links_LastVerifiedAt",
                table: "product_links");

            migrationBuilder.DropColumn(
                name: "InventoryPolicy",
                table: "variants");

            migrationBuilder.DropColumn(
                name: "Tracked",
                table: "variants");

            migrationBuilder.DropColumn(
                name: "DestinationAvailable",
                table: "variant_links");

            migrationBuilder.DropColumn(
                name: "SourceAvailable",
                table: "variant_links");

            migrationBuilder.DropColumn(
                name: "CompareAtPriceMode",
                table: "store_connections");

            migrationBuilder.DropColumn(
                name: "MappedFields",
                table: "store_connections");

            migrationBuilder.DropColumn(
                name: "PriceFixedAmount",
                table: "store_connections");

            migrationBuilder.DropColumn(
                name: "PriceMarkupPercent",
                table: "store_connections");

            migrationBuilder.DropColumn(
                name: "PriceRounding",
                table: "store_connections");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "products");

            migrationBuilder.DropColumn(
                name: "LastSyncedAt",
                table: "products");

            migrationBuilder.DropColumn(
                name: "LinkState",
                table: "products");

            migrationBuilder.DropColumn(
                name: "LinkStateReason",
                table: "products");

            migrationBuilder.DropColumn(
                name: "AppliedImagesKey",
                table: "product_links");

            migrationBuilder.DropColumn(
                name: "CheckRequestedAt",
                table: "product_links");

            migrationBuilder.DropColumn(
                name: "LastVerifiedAt",
                table: "product_links");

            migrationBuilder.DropColumn(
                name: "PausedFromStatus",
                table: "product_links");

            migrationBuilder.DropColumn(
                name: "State",
                table: "product_links");

            migrationBuilder.DropColumn(
                name: "StateReason",
                table: "product_links");

            migrationBuilder.DropColumn(
                name: "MapCandidateId",
                table: "job_items");

            migrationBuilder.RenameColumn(
                name: "Marker",
                table: "sync_attempts",
                newName: "MarkerTag");

            migrationBuilder.RenameColumn(
                name: "SyncedFields",
                table: "store_connections",
                newName: "FieldSync");

            migrationBuilder.RenameColumn(
                name: "LastChangedAt",
                table: "product_links",
                newName: "LastSyncedAt");

            migrationBuilder.CreateTable(
                name: "processed_webhooks",
                columns: table => new
                {
                    WebhookId = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_webhooks", x => x.WebhookId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_processed_webhooks_ReceivedAt",
                table: "processed_webhooks",
                column: "ReceivedAt");
        }
    }
}
