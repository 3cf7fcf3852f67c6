using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeanLedgerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_points_postings_points_accounts_DebitAccountId",
                table: "points_postings");

            migrationBuilder.DropIndex(
                name: "IX_points_postings_At",
                table: "points_postings");

            migrationBuilder.DropIndex(
                name: "IX_points_postings_CreditAccountId",
                table: "points_postings");

            migrationBuilder.DropIndex(
                name: "IX_points_postings_DebitAccountId",
                table: "points_postings");

            migrationBuilder.DropIndex(
                name: "IX_points_postings_SettlesId",
                table: "points_postings");

            migrationBuilder.CreateIndex(
                name: "IX_points_postings_CreditAccountId_Kind_At",
                table: "points_postings",
                columns: new[] { "CreditAccountId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_points_postings_SettlesId",
                table: "points_postings",
                column: "SettlesId",
                unique: true,
                filter: "\"SettlesId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_points_postings_CreditAccountId_Kind_At",
                table: "points_postings");

            migrationBuilder.DropIndex(
                name: "IX_points_postings_SettlesId",
                table: "points_postings");

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
                name: "IX_points_postings_SettlesId",
                table: "points_postings",
                column: "SettlesId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_points_postings_points_accounts_DebitAccountId",
                table: "points_postings",
                column: "DebitAccountId",
                principalTable: "points_accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
