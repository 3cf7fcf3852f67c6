using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EverydayUse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "UnansweredSince",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "care_recipients",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "privileges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    MinHours = table.Column<decimal>(type: "TEXT", precision: 9, scale: 1, nullable: false),
                    MinLifetimePoints = table.Column<long>(type: "INTEGER", nullable: true),
                    Perks = table.Column<string>(type: "TEXT", nullable: false),
                    PerksEn = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privileges", x => x.Id);
                    table.CheckConstraint("ck_privileges_thresholds", "\"MinHours\" >= 0 AND (\"MinLifetimePoints\" IS NULL OR \"MinLifetimePoints\" >= 0)");
                });

            migrationBuilder.CreateIndex(
                name: "IX_privileges_Key",
                table: "privileges",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_privileges_Name",
                table: "privileges",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privileges");

            migrationBuilder.DropColumn(
                name: "UnansweredSince",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "care_recipients");
        }
    }
}
