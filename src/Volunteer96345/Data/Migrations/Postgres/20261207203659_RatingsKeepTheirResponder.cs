using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RatingsKeepTheirResponder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ResponderId",
                table: "work_order_feedback",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponderKind",
                table: "work_order_feedback",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResponderId",
                table: "callbacks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponderKind",
                table: "callbacks",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            // The ratings made so far are about whoever serves their order now: the best the rows can tell.
            migrationBuilder.Sql("""
                UPDATE work_order_feedback SET "ResponderKind" = (SELECT o."ResponderKind" FROM work_orders o WHERE o."Id" = work_order_feedback."WorkOrderId"),
                    "ResponderId" = (SELECT o."ResponderId" FROM work_orders o WHERE o."Id" = work_order_feedback."WorkOrderId");
                UPDATE callbacks SET "ResponderKind" = (SELECT o."ResponderKind" FROM work_orders o WHERE o."Id" = callbacks."WorkOrderId"),
                    "ResponderId" = (SELECT o."ResponderId" FROM work_orders o WHERE o."Id" = callbacks."WorkOrderId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResponderId",
                table: "work_order_feedback");

            migrationBuilder.DropColumn(
                name: "ResponderKind",
                table: "work_order_feedback");

            migrationBuilder.DropColumn(
                name: "ResponderId",
                table: "callbacks");

            migrationBuilder.DropColumn(
                name: "ResponderKind",
                table: "callbacks");
        }
    }
}
