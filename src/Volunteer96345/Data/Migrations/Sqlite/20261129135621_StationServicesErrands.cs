using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StationServicesErrands : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "errand_types",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Office = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Documents = table.Column<string>(type: "TEXT", nullable: false),
                    DeadlineWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_errand_types", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "proxy_errands",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackingCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ErrandTypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TypeName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Office = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ResidentPhoneCipher = table.Column<string>(type: "TEXT", nullable: false),
                    ResidentPhoneHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResidentPhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DeadlineWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OfficeName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OfficeHandler = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OfficeReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignatureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Overdue = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proxy_errands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_proxy_errands_errand_types_ErrandTypeId",
                        column: x => x.ErrandTypeId,
                        principalTable: "errand_types",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_proxy_errands_stations_StationId",
                        column: x => x.StationId,
                        principalTable: "stations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "errand_timers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ErrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Effective = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_errand_timers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_errand_timers_proxy_errands_ErrandId",
                        column: x => x.ErrandId,
                        principalTable: "proxy_errands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "proxy_errand_documents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OnChecklist = table.Column<bool>(type: "INTEGER", nullable: false),
                    Custody = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ErrandId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proxy_errand_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_proxy_errand_documents_proxy_errands_ErrandId",
                        column: x => x.ErrandId,
                        principalTable: "proxy_errands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "proxy_errand_events",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ErrandId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proxy_errand_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_proxy_errand_events_proxy_errands_ErrandId",
                        column: x => x.ErrandId,
                        principalTable: "proxy_errands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_errand_timers_ErrandId",
                table: "errand_timers",
                column: "ErrandId");

            migrationBuilder.CreateIndex(
                name: "IX_errand_timers_FiredAt_DueAt",
                table: "errand_timers",
                columns: new[] { "FiredAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_errand_types_Name",
                table: "errand_types",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_proxy_errand_documents_ErrandId",
                table: "proxy_errand_documents",
                column: "ErrandId");

            migrationBuilder.CreateIndex(
                name: "IX_proxy_errand_events_ErrandId",
                table: "proxy_errand_events",
                column: "ErrandId");

            migrationBuilder.CreateIndex(
                name: "IX_proxy_errands_ErrandTypeId",
                table: "proxy_errands",
                column: "ErrandTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_proxy_errands_ReceivedAt",
                table: "proxy_errands",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_proxy_errands_StationId_Status",
                table: "proxy_errands",
                columns: new[] { "StationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_proxy_errands_TrackingCode",
                table: "proxy_errands",
                column: "TrackingCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "errand_timers");

            migrationBuilder.DropTable(
                name: "proxy_errand_documents");

            migrationBuilder.DropTable(
                name: "proxy_errand_events");

            migrationBuilder.DropTable(
                name: "proxy_errands");

            migrationBuilder.DropTable(
                name: "errand_types");
        }
    }
}
