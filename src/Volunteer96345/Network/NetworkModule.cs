using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.Network.Funding;
using Volunteer96345.Network.Inspections;
using Volunteer96345.Network.Stations;

namespace Volunteer96345.Network;

internal static class NetworkModule
{
    public static void AddNetwork(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IStationNames, StationNames>();
        builder.Services.AddScoped<ListStationsHandler>();
        builder.Services.AddScoped<SaveStationHandler>();
        builder.Services.AddScoped<RecordInspectionHandler>();
        builder.Services.AddScoped<InspectionQueriesHandler>();
        builder.Services.AddScoped<ManageFundingHandler>();
        builder.Services.AddScoped<PublicDirectoryHandler>();
    }

    public static void MapNetwork(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(p => p.RequireRole(Roles.Staff)).WithTags("Network");

        api.MapGet("/stations", (ListStationsHandler h, [AsParameters] StationFilter filter, CancellationToken ct) => h.List(filter, ct));
        api.MapGet("/stations/{id:guid}", async (ListStationsHandler h, Guid id, CancellationToken ct) =>
            (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/stations", async (SaveStationHandler h, StationInput input, CancellationToken ct) =>
            (await h.Create(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/stations/{id}", new { id })));
        api.MapPut("/stations/{id:guid}", async (SaveStationHandler h, Guid id, StationInput input, CancellationToken ct) =>
            (await h.Update(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapPost("/stations/{id:guid}/deactivate", async (SaveStationHandler h, Guid id, CancellationToken ct) =>
            (await h.SetActive(id, false, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapPost("/stations/{id:guid}/reactivate", async (SaveStationHandler h, Guid id, CancellationToken ct) =>
            (await h.SetActive(id, true, ct)).ToHttp(_ => TypedResults.NoContent()));

        api.MapGet("/stations/{id:guid}/inspections", async (InspectionQueriesHandler h, ListStationsHandler stations, Guid id, CancellationToken ct) =>
            await stations.Get(id, ct) is { IsOk: false } missing ? missing.Error!.ToProblem() : Results.Ok(await h.History(id, ct)));
        api.MapPost("/stations/{id:guid}/inspections", async (RecordInspectionHandler h, Guid id, InspectionInput input, CancellationToken ct) =>
            (await h.Record(id, input, null, ct)).ToHttp(inspectionId => TypedResults.Created($"/api/v1/stations/{id}/inspections", new { id = inspectionId })));
        api.MapGet("/compliance", (InspectionQueriesHandler h, CancellationToken ct) => h.Compliance(ct));

        api.MapPost("/stations/{id:guid}/attachments", UploadAsync).DisableAntiforgery();
        api.MapGet("/attachments/{id:guid}", async (AppDbContext db, Guid id, CancellationToken ct) =>
            await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } a
                ? Results.File(a.Content, a.ContentType, a.FileName)
                : Results.NotFound());

        api.MapGet("/funding/{year:int}", (ManageFundingHandler h, int year, CancellationToken ct) => h.Year(year, ct));
        api.MapPost("/funding/lines", async (ManageFundingHandler h, BudgetLineInput input, CancellationToken ct) =>
            (await h.Plan(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/funding/lines/{id}", new { id })));
        api.MapGet("/funding/lines/{id:guid}/entries", async (ManageFundingHandler h, Guid id, CancellationToken ct) =>
            (await h.Entries(id, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/funding/lines/{id:guid}/entries", async (ManageFundingHandler h, Guid id, FundingEntryInput input, CancellationToken ct) =>
            (await h.Record(id, input, null, ct)).ToHttp(entryId => TypedResults.Created($"/api/v1/funding/lines/{id}/entries", new { id = entryId })));
    }

    /// <summary>Evidence and vouchers are uploaded to their station first; inspections and funding entries then refer to them by id.</summary>
    private static async Task<IResult> UploadAsync(
        Guid id, IFormFile? file, AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
        CancellationToken ct)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager, Roles.Inspector))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]).ToProblem();
        }

        if (!await db.Stations.AnyAsync(s => s.Id == id, ct))
        {
            return AppError.NotFound(localizer["Station.NotFound"]).ToProblem();
        }

        if (file is null || !Attachment.IsAcceptable(file.FileName, file.Length))
        {
            return AppError.Invalid("file", localizer["Attachment.NotAcceptable", string.Join(' ', Attachment.AllowedExtensions),
                Attachment.MaxBytes / 1024 / 1024]).ToProblem();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var attachment = Attachment.TryCreate(id, file.FileName, buffer.ToArray(), user.UserId, clock.GetUtcNow().UtcDateTime)!;
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/attachments/{attachment.Id}", new { id = attachment.Id });
    }
}
