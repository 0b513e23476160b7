using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncDashboard.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StoreApiAndAppCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Api",
                table: "store_connections",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "GraphQL");

            migrationBuilder.AddColumn<string>(
                name: "ClientId",
                table: "store_connections",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Credentials",
                table: "store_connections",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "AccessToken");

            migrationBuilder.AddColumn<string>(
                name: "ProtectedClientSecret",
                table: "store_connections",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Api",
                table: "store_connections");

            migrationBuilder.DropColumn(
                name: "ClientId",
                table: "store_connections");

            migrationBuilder.DropColumn(
                name: "Credentials",
                table: "store_connections");

            migrationBuilder.DropColumn(
                name: "ProtectedClientSecret",
                table: "store_connections");
        }
    }
}
