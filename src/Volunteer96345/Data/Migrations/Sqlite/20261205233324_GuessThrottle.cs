using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GuessThrottle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "guess_blocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guess_blocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "guess_counters",
                columns: table => new
                {
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    CountedUntil = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BlockedUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guess_counters", x => new { x.Purpose, x.Key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_guess_blocks_At",
                table: "guess_blocks",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_guess_counters_CountedUntil",
                table: "guess_counters",
                column: "CountedUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guess_blocks");

            migrationBuilder.DropTable(
                name: "guess_counters");
        }
    }
}
