using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncDashboard.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "activity",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: true),
                    StoreName = table.Column<string>(type: "TEXT", nullable: true),
                    ProductId = table.Column<long>(type: "INTEGER", nullable: true),
                    ProductTitle = table.Column<string>(type: "TEXT", nullable: true),
                    Sku = table.Column<string>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Read = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    Succeeded = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    CancelRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "processed_webhooks",
                columns: table => new
                {
                    WebhookId = table.Column<string>(type: "TEXT", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_webhooks", x => x.WebhookId);
                });

            migrationBuilder.CreateTable(
                name: "product_links",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceStoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceProductId = table.Column<long>(type: "INTEGER", nullable: false),
                    DestinationStoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    DestinationProductId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSyncedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_product_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "store_connections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ShopDomain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ProtectedAccessToken = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedWebhookSecret = table.Column<string>(type: "TEXT", nullable: false),
                    LocationId = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestsPerSecond = table.Column<double>(type: "REAL", nullable: false),
                    FieldSync = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DeletePolicy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    LastSweepStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_store_connections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sync_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceStoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceProductId = table.Column<long>(type: "INTEGER", nullable: false),
                    DestinationStoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    MarkerTag = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "job_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_job_items_jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "variant_links",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductLinkId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceVariantId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceInventoryItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    DestinationVariantId = table.Column<long>(type: "INTEGER", nullable: false),
                    DestinationInventoryItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_variant_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_variant_links_product_links_ProductLinkId",
                        column: x => x.ProductLinkId,
                        principalTable: "product_links",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExternalId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Handle = table.Column<string>(type: "TEXT", nullable: true),
                    Vendor = table.Column<string>(type: "TEXT", nullable: true),
                    ProductType = table.Column<string>(type: "TEXT", nullable: true),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: true),
                    DescriptionHtml = table.Column<string>(type: "TEXT", nullable: true),
                    ThumbnailUrl = table.Column<string>(type: "TEXT", nullable: true),
                    ImagesJson = table.Column<string>(type: "TEXT", nullable: false),
                    OptionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    VariantCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalInventory = table.Column<int>(type: "INTEGER", nullable: false),
                    SkuText = table.Column<string>(type: "TEXT", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    StoreUpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MirroredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SyncState = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ProblemReason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products", x => x.Id);
                    table.ForeignKey(
                        name: "FK_products_store_connections_StoreId",
                        column: x => x.StoreId,
                        principalTable: "store_connections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "variants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductId = table.Column<long>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExternalId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: true),
                    Sku = table.Column<string>(type: "TEXT", nullable: true),
                    NormalizedSku = table.Column<string>(type: "TEXT", nullable: true),
                    Barcode = table.Column<string>(type: "TEXT", nullable: true),
                    Price = table.Column<string>(type: "TEXT", nullable: false),
                    CompareAtPrice = table.Column<string>(type: "TEXT", nullable: true),
                    Option1 = table.Column<string>(type: "TEXT", nullable: true),
                    Option2 = table.Column<string>(type: "TEXT", nullable: true),
                    Option3 = table.Column<string>(type: "TEXT", nullable: true),
                    Grams = table.Column<int>(type: "INTEGER", nullable: true),
                    Weight = table.Column<double>(type: "REAL", nullable: true),
                    WeightUnit = table.Column<string>(type: "TEXT", nullable: true),
                    InventoryItemId = table.Column<long>(type: "INTEGER", nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_variants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_variants_products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_activity_At",
                table: "activity",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_activity_Kind_At",
                table: "activity",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_activity_Read_At",
                table: "activity",
                columns: new[] { "Read", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_activity_Sku",
                table: "activity",
                column: "Sku");

            migrationBuilder.CreateIndex(
                name: "IX_activity_StoreId_At",
                table: "activity",
                columns: new[] { "StoreId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_job_items_JobId_Status_Position",
                table: "job_items",
                columns: new[] { "JobId", "Status", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_jobs_Status",
                table: "jobs",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_processed_webhooks_ReceivedAt",
                table: "processed_webhooks",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_product_links_DestinationStoreId_DestinationProductId",
                table: "product_links",
                columns: new[] { "DestinationStoreId", "DestinationProductId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_product_links_SourceStoreId_SourceProductId",
                table: "product_links",
                columns: new[] { "SourceStoreId", "SourceProductId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_products_StoreId_ExternalId",
                table: "products",
                columns: new[] { "StoreId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_products_StoreId_Problem_Title",
                table: "products",
                columns: new[] { "StoreId", "Problem", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_products_StoreId_StoreUpdatedAt",
                table: "products",
                columns: new[] { "StoreId", "StoreUpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_products_StoreId_SyncState_Title",
                table: "products",
                columns: new[] { "StoreId", "SyncState", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_products_StoreId_Title",
                table: "products",
                columns: new[] { "StoreId", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_products_StoreId_Vendor",
                table: "products",
                columns: new[] { "StoreId", "Vendor" });

            migrationBuilder.CreateIndex(
                name: "IX_store_connections_Name",
                table: "store_connections",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_store_connections_ShopDomain",
                table: "store_connections",
                column: "ShopDomain");

            migrationBuilder.CreateIndex(
                name: "IX_sync_attempts_SourceStoreId_SourceProductId",
                table: "sync_attempts",
                columns: new[] { "SourceStoreId", "SourceProductId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_variant_links_DestinationVariantId",
                table: "variant_links",
                column: "DestinationVariantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_variant_links_ProductLinkId",
                table: "variant_links",
                column: "ProductLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_variant_links_SourceInventoryItemId",
                table: "variant_links",
                column: "SourceInventoryItemId");

            migrationBuilder.CreateIndex(
                name: "IX_variants_ProductId",
                table: "variants",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_variants_StoreId_ExternalId",
                table: "variants",
                columns: new[] { "StoreId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_variants_StoreId_InventoryItemId",
                table: "variants",
                columns: new[] { "StoreId", "InventoryItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_variants_StoreId_NormalizedSku",
                table: "variants",
                columns: new[] { "StoreId", "NormalizedSku" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activity");

            migrationBuilder.DropTable(
                name: "job_items");

            migrationBuilder.DropTable(
                name: "processed_webhooks");

            migrationBuilder.DropTable(
                name: "sync_attempts");

            migrationBuilder.DropTable(
                name: "variant_links");

            migrationBuilder.DropTable(
                name: "variants");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "product_links");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "store_connections");
        }
    }
}
