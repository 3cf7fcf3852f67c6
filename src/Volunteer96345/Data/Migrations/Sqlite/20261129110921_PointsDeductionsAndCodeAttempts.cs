using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PointsDeductionsAndCodeAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailedAttempts",
                table: "confirmation_codes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "deduction_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deduction_items", x => x.Id);
                    table.CheckConstraint("ck_deduction_items_points", "\"Points\" > 0");
                });

            migrationBuilder.InsertData(
                table: "deduction_items",
                columns: new[] { "Id", "Code", "CreatedAt", "IsActive", "NameEn", "NameZh", "Points" },
                values: new object[] { new Guid("0193a5c0-0000-7000-8000-00000000d001"), "NoShow", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), true, "Signed up, did not come", "报名未到", 5 });

            migrationBuilder.CreateIndex(
                name: "IX_deduction_items_Code",
                table: "deduction_items",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deduction_items");

            migrationBuilder.DropColumn(
                name: "FailedAttempts",
                table: "confirmation_codes");
        }
    }
}
