using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Volunteer96345.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CareRecipients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "care_recipients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    NameInitials = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Gender = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DisabilityType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DisabilityLevel = table.Column<int>(type: "integer", nullable: true),
                    Village = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IdNumberCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdNumberHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    AddressCipher = table.Column<string>(type: "character varying(900)", maxLength: 900, nullable: false),
                    AddressMasked = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    DisabilityNoteCipher = table.Column<string>(type: "character varying(4100)", maxLength: 4100, nullable: true),
                    HealthNoteCipher = table.Column<string>(type: "character varying(4100)", maxLength: 4100, nullable: true),
                    LivingSituationCipher = table.Column<string>(type: "character varying(4100)", maxLength: 4100, nullable: true),
                    GuardianName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    GuardianPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Contacts = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Needs = table.Column<List<string>>(type: "text[]", nullable: false),
                    Priority = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_recipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_recipients_stations_StationId",
                        column: x => x.StationId,
                        principalTable: "stations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pairings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CareRecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CadenceDays = table.Column<int>(type: "integer", nullable: false),
                    WarmthProgram = table.Column<bool>(type: "boolean", nullable: false),
                    DualPost = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    LastVisitOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pairings_care_recipients_CareRecipientId",
                        column: x => x.CareRecipientId,
                        principalTable: "care_recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pairings_stations_StationId",
                        column: x => x.StationId,
                        principalTable: "stations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pairings_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pairing_visits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Issues = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PairingId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairing_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pairing_visits_pairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "pairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_care_recipients_IdNumberHash",
                table: "care_recipients",
                column: "IdNumberHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_care_recipients_NameInitials",
                table: "care_recipients",
                column: "NameInitials");

            migrationBuilder.CreateIndex(
                name: "IX_care_recipients_StationId_IsActive",
                table: "care_recipients",
                columns: new[] { "StationId", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_pairing_visits_PairingId",
                table: "pairing_visits",
                column: "PairingId");

            migrationBuilder.CreateIndex(
                name: "IX_pairings_CareRecipientId",
                table: "pairings",
                column: "CareRecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_pairings_StationId_EndedOn_DueOn",
                table: "pairings",
                columns: new[] { "StationId", "EndedOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_pairings_VolunteerId",
                table: "pairings",
                column: "VolunteerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pairing_visits");

            migrationBuilder.DropTable(
                name: "pairings");

            migrationBuilder.DropTable(
                name: "care_recipients");
        }
    }
}
