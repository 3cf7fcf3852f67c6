using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Volunteer96345.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Redemption : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "confirmation_codes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_confirmation_codes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_confirmation_codes_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "counter_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Price = table.Column<int>(type: "INTEGER", nullable: false),
                    Stock = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_counter_items", x => x.Id);
                    table.CheckConstraint("ck_counter_items_price", "\"Price\" > 0");
                    table.CheckConstraint("ck_counter_items_stock", "\"Stock\" >= 0");
                    table.ForeignKey(
                        name: "FK_counter_items_stations_StationId",
                        column: x => x.StationId,
                        principalTable: "stations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mall_listings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AllianceMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Price = table.Column<int>(type: "INTEGER", nullable: false),
                    Stock = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mall_listings", x => x.Id);
                    table.CheckConstraint("ck_mall_listings_price", "\"Price\" > 0");
                    table.CheckConstraint("ck_mall_listings_stock", "\"Stock\" >= 0");
                    table.ForeignKey(
                        name: "FK_mall_listings_alliance_members_AllianceMemberId",
                        column: x => x.AllianceMemberId,
                        principalTable: "alliance_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "merchant_accounts",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AllianceMemberId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_merchant_accounts", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_merchant_accounts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_merchant_accounts_alliance_members_AllianceMemberId",
                        column: x => x.AllianceMemberId,
                        principalTable: "alliance_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "counter_redemptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VolunteerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PostingId = table.Column<long>(type: "INTEGER", nullable: false),
                    RedeemedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RedeemedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_counter_redemptions", x => x.Id);
                    table.CheckConstraint("ck_counter_redemptions_quantity", "\"Quantity\" > 0");
                    table.ForeignKey(
                        name: "FK_counter_redemptions_counter_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "counter_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_counter_redemptions_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mall_orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListingName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AllianceMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HoldId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OrderedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mall_orders", x => x.Id);
                    table.CheckConstraint("ck_mall_orders_quantity", "\"Quantity\" > 0");
                    table.ForeignKey(
                        name: "FK_mall_orders_mall_listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "mall_listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mall_orders_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_confirmation_codes_ExpiresAt",
                table: "confirmation_codes",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_confirmation_codes_VolunteerId_CodeHash",
                table: "confirmation_codes",
                columns: new[] { "VolunteerId", "CodeHash" });

            migrationBuilder.CreateIndex(
                name: "IX_counter_items_StationId_Name",
                table: "counter_items",
                columns: new[] { "StationId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_counter_redemptions_IdempotencyKey",
                table: "counter_redemptions",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_counter_redemptions_ItemId",
                table: "counter_redemptions",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_counter_redemptions_StationId_RedeemedAt",
                table: "counter_redemptions",
                columns: new[] { "StationId", "RedeemedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_counter_redemptions_VolunteerId_RedeemedAt",
                table: "counter_redemptions",
                columns: new[] { "VolunteerId", "RedeemedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_mall_listings_AllianceMemberId_IsActive",
                table: "mall_listings",
                columns: new[] { "AllianceMemberId", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_mall_orders_AllianceMemberId_ClosedAt",
                table: "mall_orders",
                columns: new[] { "AllianceMemberId", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_mall_orders_AllianceMemberId_Code",
                table: "mall_orders",
                columns: new[] { "AllianceMemberId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_mall_orders_IdempotencyKey",
                table: "mall_orders",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mall_orders_ListingId",
                table: "mall_orders",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_mall_orders_Status_ExpiresAt",
                table: "mall_orders",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_mall_orders_VolunteerId_OrderedAt",
                table: "mall_orders",
                columns: new[] { "VolunteerId", "OrderedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_merchant_accounts_AllianceMemberId",
                table: "merchant_accounts",
                column: "AllianceMemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "confirmation_codes");

            migrationBuilder.DropTable(
                name: "counter_redemptions");

            migrationBuilder.DropTable(
                name: "mall_orders");

            migrationBuilder.DropTable(
                name: "merchant_accounts");

            migrationBuilder.DropTable(
                name: "counter_items");

            migrationBuilder.DropTable(
                name: "mall_listings");
        }
    }
}
