using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncDashboard.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class JobStartedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StartedBy",
                table: "jobs",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StartedBy",
                table: "jobs");
        }
    }
}
