using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Alliance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alliance_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LicenceNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Village = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Services = table.Column<List<string>>(type: "text[]", nullable: false),
                    Discount = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    JoinedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StatusNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AgreementId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alliance_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alliance_members_attachments_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "attachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_alliance_members_stations_StationId",
                        column: x => x.StationId,
                        principalTable: "stations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alliance_members_AgreementId",
                table: "alliance_members",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_alliance_members_LicenceNumber",
                table: "alliance_members",
                column: "LicenceNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alliance_members_Name",
                table: "alliance_members",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_alliance_members_StationId",
                table: "alliance_members",
                column: "StationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alliance_members");
        }
    }
}
