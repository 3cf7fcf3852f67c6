using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Volunteer96345.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PioneerAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SecretaryVolunteerId",
                table: "party_organizations",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pioneer_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartyOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Adjustment = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    AdjustmentReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Violation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublicUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FrozenJson = table.Column<string>(type: "text", nullable: true),
                    Score = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    Grade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pioneer_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pioneer_assessments_party_organizations_PartyOrganizationId",
                        column: x => x.PartyOrganizationId,
                        principalTable: "party_organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pioneer_assessments_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pioneer_schemes",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    SchemeJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pioneer_schemes", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "pioneer_assessment_steps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pioneer_assessment_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pioneer_assessment_steps_pioneer_assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "pioneer_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pioneer_declarations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Units = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    EvidenceIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    DeclaredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AcceptedUnits = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    BranchNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pioneer_declarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pioneer_declarations_pioneer_assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "pioneer_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pioneer_objections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ByVolunteerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Decision = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pioneer_objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pioneer_objections_pioneer_assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "pioneer_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_party_organizations_SecretaryVolunteerId",
                table: "party_organizations",
                column: "SecretaryVolunteerId");

            migrationBuilder.CreateIndex(
                name: "IX_pioneer_assessment_steps_AssessmentId",
                table: "pioneer_assessment_steps",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_pioneer_assessments_PartyOrganizationId",
                table: "pioneer_assessments",
                column: "PartyOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_pioneer_assessments_VolunteerId",
                table: "pioneer_assessments",
                column: "VolunteerId");

            migrationBuilder.CreateIndex(
                name: "IX_pioneer_assessments_Year_Quarter_PartyOrganizationId_Status",
                table: "pioneer_assessments",
                columns: new[] { "Year", "Quarter", "PartyOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_pioneer_assessments_Year_Quarter_VolunteerId",
                table: "pioneer_assessments",
                columns: new[] { "Year", "Quarter", "VolunteerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pioneer_declarations_AssessmentId",
                table: "pioneer_declarations",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_pioneer_objections_AssessmentId",
                table: "pioneer_objections",
                column: "AssessmentId");

            migrationBuilder.AddForeignKey(
                name: "FK_party_organizations_volunteers_SecretaryVolunteerId",
                table: "party_organizations",
                column: "SecretaryVolunteerId",
                principalTable: "volunteers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_party_organizations_volunteers_SecretaryVolunteerId",
                table: "party_organizations");

            migrationBuilder.DropTable(
                name: "pioneer_assessment_steps");

            migrationBuilder.DropTable(
                name: "pioneer_declarations");

            migrationBuilder.DropTable(
                name: "pioneer_objections");

            migrationBuilder.DropTable(
                name: "pioneer_schemes");

            migrationBuilder.DropTable(
                name: "pioneer_assessments");

            migrationBuilder.DropIndex(
                name: "IX_party_organizations_SecretaryVolunteerId",
                table: "party_organizations");

            migrationBuilder.DropColumn(
                name: "SecretaryVolunteerId",
                table: "party_organizations");
        }
    }
}
