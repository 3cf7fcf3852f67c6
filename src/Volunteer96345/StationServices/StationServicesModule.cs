using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;
using Volunteer96345.Data.Timers;
using Volunteer96345.StationServices.Deadlines;
using Volunteer96345.StationServices.Errands;
using Volunteer96345.StationServices.Outposts;
using Volunteer96345.StationServices.ErrandTypes;
using Volunteer96345.StationServices.ProgressErrand;
using Volunteer96345.StationServices.Report;
using Volunteer96345.StationServices.RequestErrand;

namespace Volunteer96345.StationServices;

/// <summary>Services run at the stations: 红色代办 proxy errands at the service points and the outposts' convenience log.</summary>
internal static class StationServicesModule
{
    public static void AddStationServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ErrandClock>();
        builder.Services.AddStartingData((db, now, _) =>
        {
            StationServicesSeed.Run(db, now);
            return Task.CompletedTask;
        });
        builder.Services.AddScoped<ManageErrandTypesHandler>();
        builder.Services.AddScoped<RequestErrandHandler>();
        builder.Services.AddScoped<WorkOrders.Intake.IIntakeHandOver, ErrandHandOver>();
        builder.Services.AddScoped<ProgressErrandHandler>();
        builder.Services.AddScoped<ErrandQueriesHandler>();
        builder.Services.AddScoped<ErrandReportHandler>();
        builder.Services.AddScoped<Outposts.OutpostLogHandler>();
        builder.Services.AddScoped<OutpostReport.OutpostReportHandler>();
        builder.Services.AddTimerOwner<ErrandTimers>();
        builder.Services.AddSingleton<ISaveParticipant, ClosedErrands>();
        builder.Services.AddSingleton<StoredItemSweeper>();
        builder.Services.AddBackgroundJob<StoredItemSweeper>();
    }

    public static void MapStationServices(this WebApplication app)
    {
        var staff = app.MapGroup("/api/v1/errands").RequireAuthorization(p => p.RequireRole(Roles.Staff)).WithTags("StationServices");
        staff.MapGet("/types", (ManageErrandTypesHandler h, CancellationToken ct) => h.List(false, ct));
        staff.MapPost("/types", async (ManageErrandTypesHandler h, ErrandTypeInput input, CancellationToken ct) =>
            (await h.Save(null, input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/errands/types/{id}", new { id })));
        staff.MapPut("/types/{id:guid}", async (ManageErrandTypesHandler h, Guid id, ErrandTypeInput input, CancellationToken ct) =>
            (await h.Save(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapGet("/", (ErrandQueriesHandler h, bool? open, CancellationToken ct) => h.List(open ?? false, ct));
        staff.MapPost("/", async (RequestErrandHandler h, RequestErrandInput input, CancellationToken ct) =>
            (await h.Request(input, ct)).ToHttp(r => TypedResults.Created($"/api/v1/errands/{r.Id}", r)));
        staff.MapGet("/{id:guid}", async (ErrandQueriesHandler h, Guid id, CancellationToken ct) =>
            await h.Get(id, ct) is { } view ? Results.Ok(view) : Results.NotFound());
        staff.MapPost("/{id:guid}/documents", async (ProgressErrandHandler h, Guid id, DocumentsInput input, CancellationToken ct) =>
            (await h.ReceiveDocuments(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapPost("/{id:guid}/submission", async (ProgressErrandHandler h, Guid id, SubmitInput input, CancellationToken ct) =>
            (await h.Submit(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapPost("/{id:guid}/answer", async (ProgressErrandHandler h, Guid id, AnswerInput input, CancellationToken ct) =>
            (await h.Answer(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapPost("/{id:guid}/collection", async (ProgressErrandHandler h, Guid id, CancellationToken ct) =>
            (await h.Collect(id, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapPost("/{id:guid}/returns", async (ProgressErrandHandler h, Guid id, DocumentsInput input, CancellationToken ct) =>
            (await h.Return(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapPost("/{id:guid}/close", async (ProgressErrandHandler h, Guid id, CloseInput input, CancellationToken ct) =>
            (await h.Close(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapGet("/report", (ErrandReportHandler h, DateOnly? from, DateOnly? to, CancellationToken ct) => h.Build(from, to, ct));

        staff.MapGet("/outposts/month", (OutpostReport.OutpostReportHandler h, int? year, int? month, CancellationToken ct) => h.Month(year, month, ct));

        // The outpost's phone page, for a volunteer on its roster now (the handler decides; the scope follows).
        var outposts = app.MapGroup("/api/v1/outposts").RequireAuthorization(p => p.RequireRole(Roles.Volunteer)).WithTags("StationServices");
        outposts.MapGet("/mine", (Outposts.OutpostLogHandler h, CancellationToken ct) => h.Mine(ct));
        outposts.MapPost("/{id:guid}/entries", async (Outposts.OutpostLogHandler h, Guid id, Outposts.QuickEntryInput input, CancellationToken ct) =>
            (await h.Quick(id, input, ct)).ToHttp(entryId => TypedResults.Created($"/api/v1/outposts/{id}/entries/{entryId}", new { id = entryId })));
        outposts.MapPost("/{id:guid}/items", async (Outposts.OutpostLogHandler h, Guid id, Outposts.StoreItemInput input, CancellationToken ct) =>
            (await h.Store(id, input, null, ct)).ToHttp(stored => TypedResults.Created($"/api/v1/outposts/{id}/items/{stored.Id}", stored)));
        outposts.MapPost("/{id:guid}/claims", async (Outposts.OutpostLogHandler h, Guid id, Outposts.ClaimInput input, CancellationToken ct) =>
            (await h.Claim(id, input, ct)).ToHttp(TypedResults.Ok));

        app.MapGet("/api/v1/public/errands/{code}", async (ErrandQueriesHandler h, string code, CancellationToken ct) =>
            await h.Public(code, ct) is { } status ? Results.Ok(status) : Results.NotFound()).AllowAnonymous().RequireRateLimiting(RateLimits.Guess).WithTags("StationServices");
    }
}
