using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeyCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "field_key_checks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    DatabaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Check = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_key_checks", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "field_key_checks");
        }
    }
}
