using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Errors;
using Volunteer96345.Data;
using Volunteer96345.Points.Counter;
using Volunteer96345.Points.CounterCatalogue;
using Volunteer96345.Points.Mall;
using Volunteer96345.Points.MerchantDesk;
using Volunteer96345.Points.MyCard;
using Volunteer96345.Points.Settlement;

namespace Volunteer96345.Points;

/// <summary>Spending points: the service points' counters, the mall (淘商城) with its held orders, privileges, and the merchants' settlement.</summary>
internal static class RedemptionModule
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void AddRedemption(this WebApplicationBuilder builder)
    {
        builder.Services.AddStartingData(PrivilegeSeed.RunAsync);
        builder.Services.AddScoped<PrivilegeLevels.ManagePrivilegesHandler>();
        builder.Services.AddScoped<Privileges>();
        builder.Services.AddScoped<ManageCounterItemsHandler>();
        builder.Services.AddScoped<RedeemHandler>();
        builder.Services.AddScoped<MyCardHandler>();
        builder.Services.AddScoped<MallOrders>();
        builder.Services.AddScoped<MallShopHandler>();
        builder.Services.AddScoped<MerchantDeskHandler>();
        builder.Services.AddScoped<SettlementHandler>();
        builder.Services.AddSingleton<HoldSweeper>();
        builder.Services.AddBackgroundJob<HoldSweeper>();
    }

    public static void MapRedemption(this WebApplication app)
    {
        var counter = app.MapGroup("/api/v1/points").RequireAuthorization(p => p.RequireRole(Roles.TownAdmin, Roles.StationManager)).WithTags("Redemption");
        counter.MapGet("/counter-items", (ManageCounterItemsHandler h, Guid? stationId, bool? includeRetired, CancellationToken ct) =>
            h.List(stationId, includeRetired ?? false, ct));
        counter.MapPost("/counter-items", async (ManageCounterItemsHandler h, CounterItemInput input, CancellationToken ct) =>
            (await h.Create(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/points/counter-items/{id}", new { id })));
        counter.MapPut("/counter-items/{id:guid}", async (ManageCounterItemsHandler h, Guid id, CounterItemInput input, CancellationToken ct) =>
            (await h.Update(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        counter.MapPost("/counter-items/{id:guid}/retire", async (ManageCounterItemsHandler h, Guid id, CancellationToken ct) =>
            (await h.SetActive(id, false, ct)).ToHttp(active => TypedResults.Ok(new { active })));
        counter.MapPost("/counter-items/{id:guid}/restore", async (ManageCounterItemsHandler h, Guid id, CancellationToken ct) =>
            (await h.SetActive(id, true, ct)).ToHttp(active => TypedResults.Ok(new { active })));

        // A retry with the same Idempotency-Key returns the first receipt (200) and redeems nothing more.
        counter.MapPost("/counter/redemptions", async (RedeemHandler h, RedeemInput input, HttpRequest request, CancellationToken ct) =>
            (await h.Redeem(input, request.Headers[IdempotencyHeader].FirstOrDefault(), ct)).ToHttp(r => r.Replayed
                ? TypedResults.Ok(r)
                : TypedResults.Created($"/api/v1/points/counter/redemptions/{r.Id}", r)));

        // The counter's look-up (balance included); a merchant looks members up at /api/v1/merchant/members, which shows less.
        counter.MapGet("/members", async (RedeemHandler h, string? code, CancellationToken ct) => (await h.LookUp(code, ct)).ToHttp(TypedResults.Ok));

        // The privilege levels: every signed-in user reads them; the town admin edits them.
        var privileges = app.MapGroup("/api/v1/points/privileges").RequireAuthorization().WithTags("Redemption");
        privileges.MapGet("", (PrivilegeLevels.ManagePrivilegesHandler h, CancellationToken ct) => h.List(ct));
        privileges.MapPut("/{id:guid}", async (PrivilegeLevels.ManagePrivilegesHandler h, Guid id, PrivilegeLevels.PrivilegeInput input, CancellationToken ct) =>
            (await h.Update(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));

        var me = app.MapGroup("/api/v1").RequireAuthorization(p => p.RequireRole(Roles.Volunteer)).WithTags("Mall");
        me.MapGet("/points/me/card", async (MyCardHandler h, CancellationToken ct) =>
            await h.Get(ct) is { } card ? TypedResults.Ok(card) : Results.NotFound());
        me.MapPost("/points/me/confirmation-codes", async (MyCardHandler h, CancellationToken ct) =>
            (await h.IssueCode(ct)).ToHttp(c => TypedResults.Ok(c)));
        me.MapGet("/mall/listings", (MallShopHandler h, CancellationToken ct) => h.Listings(ct));
        me.MapGet("/mall/orders", (MallShopHandler h, CancellationToken ct) => h.Mine(ct));
        me.MapPost("/mall/orders", async (MallShopHandler h, MallOrderInput input, HttpRequest request, CancellationToken ct) =>
            (await h.Order(input, request.Headers[IdempotencyHeader].FirstOrDefault(), ct)).ToHttp(o => TypedResults.Ok(o)));
        me.MapPost("/mall/orders/{id:guid}/cancel", async (MallShopHandler h, Guid id, CancellationToken ct) =>
            (await h.Cancel(id, ct)).ToHttp(o => TypedResults.Ok(o)));

        var merchant = app.MapGroup("/api/v1/merchant").RequireAuthorization(p => p.RequireRole(Roles.Merchant)).WithTags("Mall");
        merchant.MapGet("/listings", (MerchantDeskHandler h, CancellationToken ct) => h.Listings(ct));
        merchant.MapPost("/listings", async (MerchantDeskHandler h, ListingInput input, CancellationToken ct) =>
            (await h.SaveListing(null, input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/merchant/listings/{id}", new { id })));
        merchant.MapPut("/listings/{id:guid}", async (MerchantDeskHandler h, Guid id, ListingInput input, CancellationToken ct) =>
            (await h.SaveListing(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        merchant.MapPost("/listings/{id:guid}/withdraw", async (MerchantDeskHandler h, Guid id, CancellationToken ct) =>
            (await h.SetListingActive(id, false, ct)).ToHttp(active => TypedResults.Ok(new { active })));
        merchant.MapPost("/listings/{id:guid}/relist", async (MerchantDeskHandler h, Guid id, CancellationToken ct) =>
            (await h.SetListingActive(id, true, ct)).ToHttp(active => TypedResults.Ok(new { active })));
        merchant.MapGet("/orders", (MerchantDeskHandler h, CancellationToken ct) => h.Orders(ct));
        merchant.MapGet("/members", async (MerchantDeskHandler h, string? code, CancellationToken ct) =>
            (await h.LookUpMember(code, ct)).ToHttp(TypedResults.Ok));
        merchant.MapPost("/fulfil", async (MerchantDeskHandler h, FulfilInput input, CancellationToken ct) =>
            (await h.Fulfil(input, ct)).ToHttp(o => TypedResults.Ok(o)));

        var settlements = app.MapGroup("/api/v1/settlements").RequireAuthorization(p => p.RequireRole(Roles.TownAdmin, Roles.Merchant))
            .WithTags("Mall");
        settlements.MapGet("/", async (SettlementHandler h, int? year, int? month, CancellationToken ct) =>
            (await h.Summary(year, month, ct)).ToHttp(TypedResults.Ok));
        settlements.MapGet("/statement", async (SettlementHandler h, Guid? merchantId, int? year, int? month, CancellationToken ct) =>
            (await h.Month(merchantId, year, month, ct)).ToHttp(TypedResults.Ok));
        settlements.MapGet("/statement/export", async (SettlementHandler h, Guid? merchantId, int? year, int? month, CancellationToken ct) =>
            (await h.Export(merchantId, year, month, ct)).ToHttp(bytes =>
                TypedResults.File(bytes, SettlementHandler.ContentType, $"settlement-{year ?? h.ThisMonth.Year}-{month ?? h.ThisMonth.Month:D2}.xlsx")));
    }
}
