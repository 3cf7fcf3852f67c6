using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PointsRulesAndClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "points_claims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DoerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DoerMobileMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DoerAccountId = table.Column<long>(type: "bigint", nullable: false),
                    DoerVolunteerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Units = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    Level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    EvidenceIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    DeclarerKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DeclarerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DeclaredByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DeclaredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: true),
                    ReviewerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RejectReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PublicUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PostedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PostingId = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_claims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "points_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Basis = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    BandSize = table.Column<int>(type: "integer", nullable: true),
                    Coefficients = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DailyCap = table.Column<int>(type: "integer", nullable: true),
                    YearlyCap = table.Column<int>(type: "integer", nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_rules", x => x.Id);
                    table.CheckConstraint("CK_points_rules_points", "\"Points\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "points_claim_objections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_claim_objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_points_claim_objections_points_claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "points_claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_points_claim_objections_ClaimId",
                table: "points_claim_objections",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_points_claims_DoerAccountId",
                table: "points_claims",
                column: "DoerAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_points_claims_StationId_Status",
                table: "points_claims",
                columns: new[] { "StationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_points_claims_Status_PublicUntil",
                table: "points_claims",
                columns: new[] { "Status", "PublicUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_points_rules_Type_EffectiveFrom",
                table: "points_rules",
                columns: new[] { "Type", "EffectiveFrom" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "points_claim_objections");

            migrationBuilder.DropTable(
                name: "points_rules");

            migrationBuilder.DropTable(
                name: "points_claims");
        }
    }
}
