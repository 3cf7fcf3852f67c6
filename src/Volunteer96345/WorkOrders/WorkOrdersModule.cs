using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Data;
using Volunteer96345.Data.Timers;
using Volunteer96345.Points;
using Volunteer96345.WorkOrders.Board;
using Volunteer96345.WorkOrders.Callbacks;
using Volunteer96345.WorkOrders.Catalogue;
using Volunteer96345.WorkOrders.Dispatch;
using Volunteer96345.WorkOrders.GiveFeedback;
using Volunteer96345.WorkOrders.HotlineConsole;
using Volunteer96345.WorkOrders.Intake;
using Volunteer96345.WorkOrders.Orders;
using Volunteer96345.WorkOrders.Reports;
using Volunteer96345.WorkOrders.Respond;
using Volunteer96345.WorkOrders.Sla;
using Volunteer96345.WorkOrders.Track;

namespace Volunteer96345.WorkOrders;

internal static class WorkOrdersModule
{
    public static void AddWorkOrders(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DispatchOptions>(builder.Configuration.GetSection("Dispatch"));
        builder.Services.AddSingleton<RegistryCache>();
        builder.Services.AddScoped<DispatchService>();
        builder.Services.AddScoped<WorkOrderNotices>();
        builder.Services.AddStartingData(CatalogueSeed.RunAsync);
        builder.Services.AddScoped<IServiceHours, WorkOrderHours>();
        builder.Services.AddScoped<IntakeHandler>();
        builder.Services.AddScoped<DispatchHandler>();
        builder.Services.AddScoped<RespondHandler>();
        builder.Services.AddScoped<OrderQueriesHandler>();
        builder.Services.AddScoped<ListOrdersHandler>();
        builder.Services.AddScoped<CallerLookupHandler>();
        builder.Services.AddScoped<IntakeOptionsHandler>();
        builder.Services.AddScoped<AssignCandidatesHandler>();
        builder.Services.AddScoped<BoardHandler>();
        builder.Services.AddScoped<SlaReportHandler>();
        builder.Services.AddSingleton<WorkOrderFeed>();
        builder.Services.AddSingleton<ISaveObserver>(s => s.GetRequiredService<WorkOrderFeed>());
        builder.Services.AddSingleton<ISaveObserver, RegistryChanges>();
        builder.Services.AddScoped<ManageCatalogueHandler>();
        builder.Services.AddScoped<MyOrdersHandler>();
        builder.Services.AddScoped<ResidentRequestHandler>();
        builder.Services.AddScoped<TrackHandler>();
        builder.Services.AddScoped<GiveFeedbackHandler>();
        builder.Services.AddScoped<CallbackPolicy>();
        builder.Services.AddScoped<CallbacksHandler>();
        builder.Services.AddTimerOwner<SlaTimers>();
        builder.Services.AddSingleton<ISaveParticipant, MetDeadlines>();
    }

    public static void MapWorkOrders(this WebApplication app)
    {
        var catalogue = app.MapGroup("/api/v1/service-items").RequireAuthorization(p => p.RequireRole(Roles.Staff)).WithTags("Catalogue");
        catalogue.MapGet("/", (ManageCatalogueHandler h, ServiceCategory? category, string? q, bool? includeRetired, CancellationToken ct) =>
            h.List(new CatalogueFilter(category, q, includeRetired ?? false), ct));
        catalogue.MapGet("/{id:guid}", async (ManageCatalogueHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        catalogue.MapPost("/", async (ManageCatalogueHandler h, ServiceItemInput input, CancellationToken ct) =>
            (await h.Create(input, ct)).ToHttp(r => TypedResults.Created($"/api/v1/service-items/{r.Id}", r)));
        catalogue.MapPut("/{id:guid}", async (ManageCatalogueHandler h, Guid id, ServiceItemInput input, CancellationToken ct) =>
            (await h.Update(id, input, ct)).ToHttp(TypedResults.Ok));
        catalogue.MapPost("/{id:guid}/retire", async (ManageCatalogueHandler h, Guid id, CancellationToken ct) => (await h.Retire(id, ct)).ToHttp(TypedResults.Ok));
        catalogue.MapPost("/{id:guid}/restore", async (ManageCatalogueHandler h, Guid id, CancellationToken ct) => (await h.Restore(id, ct)).ToHttp(TypedResults.Ok));

        var staff = app.MapGroup("/api/v1/work-orders").RequireAuthorization(p => p.RequireRole(Roles.Staff)).WithTags("WorkOrders");
        // A retry with the same Idempotency-Key gets the first answer (201, same body) and records and alerts nothing more.
        staff.MapPost("/", async (IntakeHandler h, IntakeInput input, IntakeChannel? channel, HttpRequest request, CancellationToken ct) =>
            (await h.Submit(input, channel ?? IntakeChannel.Hotline, request.Headers[Points.RedemptionModule.IdempotencyHeader].FirstOrDefault(), ct))
            .ToHttp(r => TypedResults.Created(r.HandedOver is { } errand ? $"/api/v1/errands/{errand.Id}" : $"/api/v1/work-orders/{r.Id}", r)));
        staff.MapGet("/", async (ListOrdersHandler h, [AsParameters] OrderQuery q, CancellationToken ct) =>
            (await h.List(new OrderFilter(q.Status, q.StationId, q.Category, q.Channel, q.From, q.To, q.Q, q.Page, q.PageSize), ct)).ToHttp(TypedResults.Ok));
        staff.MapPost("/caller-lookup", async (CallerLookupHandler h, CallerLookupInput input, CancellationToken ct) =>
            (await h.Lookup(input, ct)).ToHttp(TypedResults.Ok));
        staff.MapPost("/caller-lookup/care-recipients/{id:guid}", async (CallerLookupHandler h, Guid id, CallerLookupInput input, CancellationToken ct) =>
            (await h.Contact(id, input.Phone, ct)).ToHttp(TypedResults.Ok));
        staff.MapGet("/board", async (BoardHandler h, Guid? stationId, ServiceCategory? category, CancellationToken ct) =>
            (await h.Get(stationId, category, ct)).ToHttp(TypedResults.Ok));
        staff.MapGet("/reports/sla", async (SlaReportHandler h, DateOnly? from, DateOnly? to, CancellationToken ct) =>
            (await h.Get(from, to, ct)).ToHttp(TypedResults.Ok));
        staff.MapGet("/{id:guid}", async (OrderQueriesHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        staff.MapPost("/{id:guid}/rank", async (DispatchHandler h, Guid id, CancellationToken ct) =>
            (await h.Rerank(id, ct)).ToHttp(count => TypedResults.Ok(new { candidates = count })));
        staff.MapPost("/{id:guid}/dispatch", async (DispatchHandler h, Guid id, DispatchInput input, CancellationToken ct) =>
            (await h.Dispatch(id, input, ct)).ToHttp(count => TypedResults.Ok(new { offered = count })));
        staff.MapPost("/{id:guid}/bounce", async (DispatchHandler h, Guid id, BounceInput input, CancellationToken ct) =>
            (await h.Bounce(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapPost("/{id:guid}/reroute", async (DispatchHandler h, Guid id, RerouteInput input, CancellationToken ct) =>
            (await h.Reroute(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));

        // The responder's steps: volunteers on their phones, staff answering for merchants and stations.
        var respond = app.MapGroup("/api/v1/work-orders").RequireAuthorization(p => p.RequireRole([.. Roles.Staff, Roles.Volunteer]))
            .WithTags("WorkOrders");
        respond.MapPost("/{id:guid}/offers/{offerId:guid}/accept", async (RespondHandler h, Guid id, Guid offerId, CancellationToken ct) =>
            (await h.Accept(id, offerId, ct)).ToHttp(status => TypedResults.Ok(new { status })));
        respond.MapPost("/{id:guid}/offers/{offerId:guid}/decline", async (RespondHandler h, Guid id, Guid offerId, DeclineInput input, CancellationToken ct) =>
            (await h.Decline(id, offerId, input, ct)).ToHttp(status => TypedResults.Ok(new { status })));
        respond.MapPost("/{id:guid}/en-route", async (RespondHandler h, Guid id, CancellationToken ct) =>
            (await h.StartTravel(id, ct)).ToHttp(status => TypedResults.Ok(new { status })));
        respond.MapPost("/{id:guid}/arrive", async (RespondHandler h, Guid id, ArriveInput input, CancellationToken ct) =>
            (await h.Arrive(id, input, ct)).ToHttp(status => TypedResults.Ok(new { status })));
        respond.MapPost("/{id:guid}/resolve", async (RespondHandler h, Guid id, ResolveInput input, CancellationToken ct) =>
            (await h.Resolve(id, input, [], ct)).ToHttp(status => TypedResults.Ok(new { status })));

        // The volunteer's own offers and orders, as the phone pages show them (an offer without the resident's particulars).
        var mine = app.MapGroup("/api/v1/my/work-orders").RequireAuthorization(p => p.RequireRole(Roles.Volunteer)).WithTags("WorkOrders");
        mine.MapGet("/", async (MyOrdersHandler h, CancellationToken ct) =>
        {
            var (offers, active) = await h.Mine(ct);
            return TypedResults.Ok(new MyOrders(offers, active));
        });
        mine.MapGet("/{id:guid}", async (MyOrdersHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));

        // 电话回访: station managers for their stations, dispatchers and the admin for the town; inspectors read (the handler
        // refuses them the number and the record).
        var callbacks = app.MapGroup("/api/v1/callbacks")
            .RequireAuthorization(p => p.RequireRole(Roles.TownAdmin, Roles.Dispatcher, Roles.StationManager, Roles.Inspector)).WithTags("Callbacks");
        callbacks.MapGet("/", async (CallbacksHandler h, bool? done, CancellationToken ct) => (await h.List(done ?? false, ct)).ToHttp(TypedResults.Ok));
        callbacks.MapPost("/{id:guid}", async (CallbacksHandler h, Guid id, CallbackInput input, CancellationToken ct) =>
            (await h.Record(id, input, ct)).ToHttp(reopened => TypedResults.Ok(new { reopened })));
        callbacks.MapPost("/{id:guid}/reveal-phone", async (CallbacksHandler h, Guid id, CancellationToken ct) =>
            (await h.RevealPhone(id, ct)).ToHttp(phone => TypedResults.Ok(new { phone })));
    }
}

/// <summary>The order list's query string: /api/v1/work-orders?status=Dispatched&amp;from=2026-11-01&amp;q=厨房.</summary>
internal sealed record OrderQuery
{
    public WorkOrderStatus? Status { get; init; }

    public Guid? StationId { get; init; }

    public ServiceCategory? Category { get; init; }

    public IntakeChannel? Channel { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public string? Q { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}

/// <summary>The volunteer's phone list: open offers and the orders they have taken.</summary>
internal sealed record MyOrders(List<MyOrderRow> Offers, List<MyOrderRow> Active);
