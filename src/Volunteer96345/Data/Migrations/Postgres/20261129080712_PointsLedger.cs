using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Volunteer96345.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PointsLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "points_accounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OwnerKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Balance = table.Column<long>(type: "bigint", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_accounts", x => x.Id);
                    table.CheckConstraint("CK_points_accounts_no_overdraft", "\"Balance\" >= 0 OR \"Kind\" = 'TownFund'");
                });

            migrationBuilder.CreateTable(
                name: "points_postings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DebitAccountId = table.Column<long>(type: "bigint", nullable: false),
                    CreditAccountId = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    EarningType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    StationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SettlesId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_postings", x => x.Id);
                    table.CheckConstraint("CK_points_postings_positive", "\"Amount\" > 0");
                    table.CheckConstraint("CK_points_postings_two_accounts", "\"DebitAccountId\" <> \"CreditAccountId\"");
                    table.ForeignKey(
                        name: "FK_points_postings_points_accounts_CreditAccountId",
                        column: x => x.CreditAccountId,
                        principalTable: "points_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_points_postings_points_accounts_DebitAccountId",
                        column: x => x.DebitAccountId,
                        principalTable: "points_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_points_postings_points_postings_SettlesId",
                        column: x => x.SettlesId,
                        principalTable: "points_postings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "points_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostingId = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    BalanceAfter = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_points_entries", x => x.Id);
                    table.CheckConstraint("CK_points_entries_nonzero", "\"Amount\" <> 0");
                    table.ForeignKey(
                        name: "FK_points_entries_points_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "points_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_points_entries_points_postings_PostingId",
                        column: x => x.PostingId,
                        principalTable: "points_postings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_points_accounts_Kind_OwnerKey",
                table: "points_accounts",
                columns: new[] { "Kind", "OwnerKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_points_accounts_OwnerId",
                table: "points_accounts",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_points_entries_AccountId_Id",
                table: "points_entries",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_points_entries_AccountId_Kind_Id",
                table: "points_entries",
                columns: new[] { "AccountId", "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_points_entries_PostingId",
                table: "points_entries",
                column: "PostingId");

            migrationBuilder.CreateIndex(
                name: "IX_points_postings_At",
                table: "points_postings",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_points_postings_CreditAccountId",
                table: "points_postings",
                column: "CreditAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_points_postings_DebitAccountId",
                table: "points_postings",
                column: "DebitAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_points_postings_Key",
                table: "points_postings",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_points_postings_SettlesId",
                table: "points_postings",
                column: "SettlesId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "points_entries");

            migrationBuilder.DropTable(
                name: "points_postings");

            migrationBuilder.DropTable(
                name: "points_accounts");
        }
    }
}
