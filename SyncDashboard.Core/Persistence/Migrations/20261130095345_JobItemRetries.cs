using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncDashboard.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class JobItemRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "job_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Failure",
                table: "job_items",
                type: "TEXT",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "job_items");

            migrationBuilder.DropColumn(
                name: "Failure",
                table: "job_items");
        }
    }
}
