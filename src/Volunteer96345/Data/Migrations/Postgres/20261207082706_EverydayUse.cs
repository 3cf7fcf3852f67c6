using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "care_recipients",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "privileges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    MinHours = table.Column<decimal>(type: "numeric(9,1)", precision: 9, scale: 1, nullable: false),
                    MinLifetimePoints = table.Column<long>(type: "bigint", nullable: true),
                    Perks = table.Column<List<string>>(type: "text[]", nullable: false),
                    PerksEn = table.Column<List<string>>(type: "text[]", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
