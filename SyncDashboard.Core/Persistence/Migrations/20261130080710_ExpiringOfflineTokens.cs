using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncDashboard.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ExpiringOfflineTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AccessTokenExpiresAt",
                table: "store_connections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedRefreshToken",
                table: "store_connections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RefreshTokenExpiresAt",
                table: "store_connections",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccessTokenExpiresAt",
                table: "store_connections");

            migrationBuilder.DropColumn(
                name: "ProtectedRefreshToken",
                table: "store_connections");

            migrationBuilder.DropColumn(
                name: "RefreshTokenExpiresAt",
                table: "store_connections");
        }
    }
}
