using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StationServicesOutposts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "convenience_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    VolunteerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StoredItemId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_convenience_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_convenience_entries_stations_StationId",
                        column: x => x.StationId,
                        principalTable: "stations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_convenience_entries_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stored_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PhotoId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerPhoneCipher = table.Column<string>(type: "TEXT", nullable: false),
                    OwnerPhoneHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OwnerPhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClaimCodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DepositedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DepositedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CollectBy = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LostAfter = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    AlertedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LostAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stored_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_stored_items_stations_StationId",
                        column: x => x.StationId,
                        principalTable: "stations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_convenience_entries_StationId_At",
                table: "convenience_entries",
                columns: new[] { "StationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_convenience_entries_VolunteerId_At",
                table: "convenience_entries",
                columns: new[] { "VolunteerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_stored_items_StationId_Status",
                table: "stored_items",
                columns: new[] { "StationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_stored_items_Status_CollectBy",
                table: "stored_items",
                columns: new[] { "Status", "CollectBy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "convenience_entries");

            migrationBuilder.DropTable(
                name: "stored_items");
        }
    }
}
