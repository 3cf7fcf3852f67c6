using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SpotChecksAndEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RectificationId",
                table: "timers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "evaluation_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SampleRatePercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    SampleMinimum = table.Column<int>(type: "INTEGER", nullable: false),
                    FeedbackWeight = table.Column<double>(type: "REAL", nullable: false),
                    CallbackWeight = table.Column<double>(type: "REAL", nullable: false),
                    SpotCheckWeight = table.Column<double>(type: "REAL", nullable: false),
                    PriorWeight = table.Column<double>(type: "REAL", nullable: false),
                    MinimumCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AttitudeShare = table.Column<int>(type: "INTEGER", nullable: false),
                    OutcomeShare = table.Column<int>(type: "INTEGER", nullable: false),
                    SatisfactionShare = table.Column<int>(type: "INTEGER", nullable: false),
                    DispatchWeight = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "spot_check_draws",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    RatePercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    Minimum = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_check_draws", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "spot_checks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DrawId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ServedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RatedKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RatedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RatedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    InspectorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InspectorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Attitude = table.Column<int>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: true),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EvidenceIds = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_checks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_spot_checks_spot_check_draws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "spot_check_draws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_spot_checks_stations_StationId",
                        column: x => x.StationId,
                        principalTable: "stations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rectifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SpotCheckId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Issue = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OverdueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Returns = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rectifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rectifications_spot_checks_SpotCheckId",
                        column: x => x.SpotCheckId,
                        principalTable: "spot_checks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_rectifications_stations_StationId",
                        column: x => x.StationId,
                        principalTable: "stations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rectification_steps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EvidenceIds = table.Column<string>(type: "TEXT", nullable: false),
                    RectificationId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rectification_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rectification_steps_rectifications_RectificationId",
                        column: x => x.RectificationId,
                        principalTable: "rectifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_timers_RectificationId",
                table: "timers",
                column: "RectificationId");

            migrationBuilder.CreateIndex(
                name: "IX_rectification_steps_RectificationId",
                table: "rectification_steps",
                column: "RectificationId");

            migrationBuilder.CreateIndex(
                name: "IX_rectifications_SpotCheckId",
                table: "rectifications",
                column: "SpotCheckId");

            migrationBuilder.CreateIndex(
                name: "IX_rectifications_StationId_Status",
                table: "rectifications",
                columns: new[] { "StationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_draws_Year_Month",
                table: "spot_check_draws",
                columns: new[] { "Year", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_spot_checks_DrawId_StationId",
                table: "spot_checks",
                columns: new[] { "DrawId", "StationId" });

            migrationBuilder.CreateIndex(
                name: "IX_spot_checks_RatedKind_RatedId_CheckedAt",
                table: "spot_checks",
                columns: new[] { "RatedKind", "RatedId", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_spot_checks_ServedAt_CheckedAt",
                table: "spot_checks",
                columns: new[] { "ServedAt", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_spot_checks_StationId",
                table: "spot_checks",
                column: "StationId");

            migrationBuilder.AddForeignKey(
                name: "FK_timers_rectifications_RectificationId",
                table: "timers",
                column: "RectificationId",
                principalTable: "rectifications",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_timers_rectifications_RectificationId",
                table: "timers");

            migrationBuilder.DropTable(
                name: "evaluation_settings");

            migrationBuilder.DropTable(
                name: "rectification_steps");

            migrationBuilder.DropTable(
                name: "rectifications");

            migrationBuilder.DropTable(
                name: "spot_checks");

            migrationBuilder.DropTable(
                name: "spot_check_draws");

            migrationBuilder.DropIndex(
                name: "IX_timers_RectificationId",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "RectificationId",
                table: "timers");
        }
    }
}
