using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Privacy;
using Volunteer96345.People.Alliance;
using Volunteer96345.People.PartyOrganizations;
using Volunteer96345.People.Rosters;
using Volunteer96345.People.Teams;
using Volunteer96345.People.Training;
using Volunteer96345.People.Volunteers;

namespace Volunteer96345.People;

internal static class PeopleModule
{
    public static void AddPeople(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(FieldProtector.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath));
        builder.Services.AddScoped<RegisterVolunteerHandler>();
        builder.Services.AddScoped<SearchVolunteersHandler>();
        builder.Services.AddScoped<PartyTreeHandler>();
        builder.Services.AddScoped<VolunteerExport>();
        builder.Services.AddScoped<ImportVolunteersHandler>();
        builder.Services.AddScoped<SelfRegistrationHandler>();
        builder.Services.AddScoped<MyRecordHandler>();
        builder.Services.AddScoped<VolunteerPool>();
        builder.Services.AddScoped<ManageTeamsHandler>();
        builder.Services.AddScoped<DutyRosterHandler>();
        builder.Services.AddScoped<ManageTrainingHandler>();
        builder.Services.AddScoped<ManageAllianceHandler>();
    }

    public static void MapPeople(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(p => p.RequireRole(Roles.Staff)).WithTags("People");

        api.MapGet("/volunteers", (SearchVolunteersHandler h, [AsParameters] VolunteerFilter filter, CancellationToken ct) => h.Search(filter, ct));
        api.MapGet("/volunteers/{id:guid}", async (SearchVolunteersHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/volunteers", async (RegisterVolunteerHandler h, VolunteerInput input, CancellationToken ct) =>
            (await h.Register(input, RegistrationSource.Staff, ct)).ToHttp(r => TypedResults.Created($"/api/v1/volunteers/{r.Id}",
                new { id = r.Id, activation = r.Activation, accountProblem = r.AccountProblem })));
        api.MapPut("/volunteers/{id:guid}", async (RegisterVolunteerHandler h, Guid id, VolunteerInput input, CancellationToken ct) =>
            (await h.Update(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapPost("/volunteers/{id:guid}/status", async (RegisterVolunteerHandler h, Guid id, StatusChangeInput input, CancellationToken ct) =>
            (await h.ChangeStatus(id, input, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/volunteers/{id:guid}/account", async (RegisterVolunteerHandler h, Guid id, CancellationToken ct) =>
            (await h.OpenAccount(id, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/volunteers/{id:guid}/reveal-id-number", async (RegisterVolunteerHandler h, Guid id, CancellationToken ct) =>
            (await h.RevealIdNumber(id, ct)).ToHttp(idNumber => TypedResults.Ok(new { idNumber })));
        api.MapGet("/volunteers/export", async (VolunteerExport export, [AsParameters] VolunteerFilter filter, CancellationToken ct) =>
            TypedResults.File(await export.Write(filter, ct), VolunteerExport.ContentType, "volunteers.xlsx"));

        api.MapGet("/volunteers/import-template", (ImportVolunteersHandler h) =>
            TypedResults.File(h.Template(), VolunteerExport.ContentType, "volunteer-import-template.xlsx"));
        api.MapPost("/volunteers/import", ImportAsync).DisableAntiforgery();

        api.MapGet("/party-organizations", (PartyTreeHandler h, CancellationToken ct) => h.Tree(ct));
        api.MapGet("/party-organizations/{id:guid}/members", (PartyTreeHandler h, Guid id, CancellationToken ct) => h.Members(id, ct));
        api.MapPut("/party-organizations/{id:guid}/secretary", async (PartyTreeHandler h, Guid id, SecretaryInput input, CancellationToken ct) =>
            (await h.Appoint(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapGet("/skills", (PartyTreeHandler h, CancellationToken ct) => h.Skills(ct));

        api.MapGet("/teams", (ManageTeamsHandler h, Guid? stationId, CancellationToken ct) => h.List(stationId, ct));
        api.MapGet("/teams/{id:guid}", async (ManageTeamsHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/teams/{id:guid}/candidates", async (ManageTeamsHandler h, Guid id, CancellationToken ct) => (await h.Candidates(id, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/teams", async (ManageTeamsHandler h, TeamInput input, CancellationToken ct) =>
            (await h.Create(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/teams/{id}", new { id })));
        api.MapPut("/teams/{id:guid}", async (ManageTeamsHandler h, Guid id, TeamInput input, CancellationToken ct) =>
            (await h.Update(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapPost("/teams/{id:guid}/members", async (ManageTeamsHandler h, Guid id, TeamMemberInput input, CancellationToken ct) =>
            (await h.AddMember(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapDelete("/teams/{id:guid}/members/{volunteerId:guid}", async (ManageTeamsHandler h, Guid id, Guid volunteerId, CancellationToken ct) =>
            (await h.RemoveMember(id, volunteerId, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapPost("/teams/{id:guid}/leader", async (ManageTeamsHandler h, Guid id, TeamMemberInput input, CancellationToken ct) =>
            (await h.SetLeader(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));

        api.MapGet("/training", (ManageTrainingHandler h, Guid? stationId, TrainingKind? kind, CancellationToken ct) => h.List(stationId, kind, ct));
        api.MapGet("/training/{id:guid}", async (ManageTrainingHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/training/{id:guid}/candidates", async (ManageTrainingHandler h, Guid id, CancellationToken ct) =>
            (await h.Candidates(id, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/training/volunteers/{volunteerId:guid}", async (ManageTrainingHandler h, Guid volunteerId, CancellationToken ct) =>
            (await h.Record(volunteerId, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/training", async (ManageTrainingHandler h, TrainingInput input, CancellationToken ct) =>
            (await h.Create(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/training/{id}", new { id })));
        api.MapPost("/training/{id:guid}/attendees", async (ManageTrainingHandler h, Guid id, AttendanceInput input, CancellationToken ct) =>
            (await h.AddAttendee(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapDelete("/training/{id:guid}/attendees/{volunteerId:guid}", async (ManageTrainingHandler h, Guid id, Guid volunteerId, CancellationToken ct) =>
            (await h.RemoveAttendee(id, volunteerId, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapGet("/alliance", (ManageAllianceHandler h, string? search, AllianceStatus? status, string? village, CancellationToken ct) =>
            h.List(new AllianceFilter(search, status, village), ct));
        api.MapGet("/alliance/villages", (ManageAllianceHandler h, CancellationToken ct) => h.Villages(ct));
        api.MapGet("/alliance/{id:guid}", async (ManageAllianceHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/alliance", async (ManageAllianceHandler h, AllianceInput input, CancellationToken ct) =>
            (await h.Create(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/alliance/{id}", new { id })));
        api.MapPut("/alliance/{id:guid}", async (ManageAllianceHandler h, Guid id, AllianceInput input, CancellationToken ct) =>
            (await h.Update(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapPost("/alliance/{id:guid}/status", async (ManageAllianceHandler h, Guid id, AllianceMoveInput input, CancellationToken ct) =>
            (await h.Move(id, input, null, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/alliance/{id:guid}/agreement", async (ManageAllianceHandler h, Guid id, AgreementInput input, CancellationToken ct) =>
            (await h.AttachAgreement(id, input, null, ct)).ToHttp(agreementId => TypedResults.Ok(new { agreementId })));

        api.MapGet("/rosters/gaps", (DutyRosterHandler h, CancellationToken ct) => h.GapSummary(ct));
        api.MapGet("/rosters/{stationId:guid}", async (DutyRosterHandler h, Guid stationId, DateOnly? week, CancellationToken ct) =>
            (await h.Week(stationId, week, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/rosters/{stationId:guid}/gaps", async (DutyRosterHandler h, Guid stationId, CancellationToken ct) =>
            (await h.NextWeekGaps(stationId, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/rosters/{stationId:guid}/on-duty", async (DutyRosterHandler h, Guid stationId, CancellationToken ct) =>
            (await h.OnDutyNow(stationId, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/rosters/{stationId:guid}/copy", async (DutyRosterHandler h, Guid stationId, CopyWeekInput input, CancellationToken ct) =>
            (await h.CopyWeek(stationId, input, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/rosters/shifts", async (DutyRosterHandler h, ShiftInput input, CancellationToken ct) =>
            (await h.AddShift(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/rosters/shifts/{id}", new { id })));
        api.MapDelete("/rosters/shifts/{id:guid}", async (DutyRosterHandler h, Guid id, CancellationToken ct) =>
            (await h.RemoveShift(id, ct)).ToHttp(_ => TypedResults.NoContent()));
    }

    /// <summary>A file with row errors is refused whole: 400 with one field entry per row and column ("row 3 · 身份证号").</summary>
    private static async Task<IResult> ImportAsync(ImportVolunteersHandler h, IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            return AppError.Invalid("file", "file").ToProblem();
        }

        await using var stream = file.OpenReadStream();
        var result = await h.Import(stream, null, ct);
        if (!result.IsOk)
        {
            return result.Error!.ToProblem();
        }

        var outcome = result.Value;
        return outcome.Succeeded
            ? TypedResults.Ok(outcome)
            : TypedResults.ValidationProblem(
                outcome.Errors.GroupBy(e => $"row {e.Row} · {e.Column}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: h.Header("file"));
    }
}
