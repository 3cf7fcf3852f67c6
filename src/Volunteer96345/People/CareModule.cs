using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.People.CareRecipients;
using Volunteer96345.People.Pairings;

namespace Volunteer96345.People;

/// <summary>The care registry and pairing: changeable by the town admin and station managers; inspectors read the pairings and their visits.</summary>
internal static class CareModule
{
    public static void AddCare(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RegisterCareRecipientHandler>();
        builder.Services.AddScoped<SearchCareRecipientsHandler>();
        builder.Services.AddScoped<PairVolunteerHandler>();
        builder.Services.AddScoped<PairingQueriesHandler>();
    }

    public static void MapCare(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(p => p.RequireRole(RegisterCareRecipientHandler.CareRoles)).WithTags("Care");

        // The pairings and their visits: inspectors read them too (the handler decides).
        app.MapGroup("/api/v1").RequireAuthorization(p => p.RequireRole([.. RegisterCareRecipientHandler.CareRoles, Roles.Inspector])).WithTags("Care")
            .MapGet("/pairings", async (PairingQueriesHandler h, [AsParameters] PairingFilter filter, CancellationToken ct) =>
                (await h.List(filter, ct)).ToHttp(TypedResults.Ok));

        api.MapGet("/care-recipients", async (SearchCareRecipientsHandler h, [AsParameters] CareRecipientFilter filter, CancellationToken ct) =>
            (await h.Search(filter, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/care-recipients/{id:guid}", async (SearchCareRecipientsHandler h, Guid id, CancellationToken ct) =>
            (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/care-recipients", async (RegisterCareRecipientHandler h, CareRecipientInput input, CancellationToken ct) =>
            (await h.Register(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/care-recipients/{id}", new { id })));
        api.MapPut("/care-recipients/{id:guid}", async (RegisterCareRecipientHandler h, Guid id, CareRecipientInput input, CancellationToken ct) =>
            (await h.Update(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapPost("/care-recipients/{id:guid}/reveal/{field}", async (RegisterCareRecipientHandler h, Guid id, CareField field, CancellationToken ct) =>
            (await h.Reveal(id, field, ct)).ToHttp(value => TypedResults.Ok(new { field, value })));

        api.MapGet("/pairings/lapsed", async (PairingQueriesHandler h, CancellationToken ct) =>
            (await h.List(new PairingFilter { LapsedOnly = true }, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/pairings/candidates", async (PairingQueriesHandler h, CancellationToken ct) =>
            (await h.Candidates(ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/pairings", async (PairVolunteerHandler h, PairingInput input, CancellationToken ct) =>
            (await h.Pair(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/pairings/{id}", new { id })));
        api.MapPost("/pairings/{id:guid}/visits", async (PairVolunteerHandler h, Guid id, VisitInput input, CancellationToken ct) =>
            (await h.LogVisit(id, input, ct)).ToHttp(dueOn => TypedResults.Ok(new { dueOn })));
        api.MapPost("/pairings/{id:guid}/end", async (PairVolunteerHandler h, Guid id, EndPairingInput input, CancellationToken ct) =>
            (await h.End(id, input, ct)).ToHttp(endedOn => TypedResults.Ok(new { endedOn })));
    }
}
