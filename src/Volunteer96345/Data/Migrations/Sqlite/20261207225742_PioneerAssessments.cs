using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pioneer_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Adjustment = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    AdjustmentReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Violation = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublicUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FrozenJson = table.Column<string>(type: "TEXT", nullable: true),
                    Score = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    SchemeJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pioneer_schemes", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "pioneer_assessment_steps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Units = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    EvidenceIds = table.Column<string>(type: "TEXT", nullable: false),
                    DeclaredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AcceptedUnits = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: true),
                    BranchNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByVolunteerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false)
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
