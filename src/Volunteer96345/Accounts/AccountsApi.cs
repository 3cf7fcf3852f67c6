using Volunteer96345.Accounts.Activation;
using Volunteer96345.Accounts.Passwords;
using Volunteer96345.Accounts.Sessions;
using Volunteer96345.Accounts.Staff;
using Volunteer96345.Accounts.TwoFactor;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Web;

namespace Volunteer96345.Accounts;

/// <summary>The accounts API: the route table first, then nothing else.</summary>
internal static class AccountsApi
{
    public static void MapAccountsApi(this WebApplication app)
    {
        var admin = app.MapGroup("/api/v1/accounts").RequireAuthorization(p => p.RequireRole(Roles.TownAdmin, Roles.StationManager)).WithTags("Accounts");
        admin.MapGet("/", async (StaffAccountsHandler h, [Microsoft.AspNetCore.Http.AsParameters] AccountFilter filter, CancellationToken ct) =>
            (await h.List(filter, ct)).ToHttp(TypedResults.Ok));
        admin.MapGet("/{id:guid}", async (StaffAccountsHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        admin.MapPost("/staff", async (StaffAccountsHandler h, StaffInput input, CancellationToken ct) =>
            (await h.Create(input, ct)).ToHttp(slip => TypedResults.Created($"/api/v1/accounts/{slip.UserId}", slip)));
        admin.MapPut("/{id:guid}", async (StaffAccountsHandler h, Guid id, StaffInput input, CancellationToken ct) =>
            (await h.Update(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        admin.MapPost("/{id:guid}/disable", async (StaffAccountsHandler h, Guid id, CancellationToken ct) =>
            (await h.SetActive(id, false, ct)).ToHttp(_ => TypedResults.NoContent()));
        admin.MapPost("/{id:guid}/enable", async (StaffAccountsHandler h, Guid id, CancellationToken ct) =>
            (await h.SetActive(id, true, ct)).ToHttp(_ => TypedResults.NoContent()));
        admin.MapPost("/{id:guid}/activation-code", async (StaffAccountsHandler h, Guid id, CancellationToken ct) =>
            (await h.IssueCode(id, ct)).ToHttp(TypedResults.Ok));
        admin.MapPost("/activation-codes", async (StaffAccountsHandler h, Guid? stationId, CancellationToken ct) =>
            (await h.IssuePendingCodes(stationId, ct)).ToHttp(TypedResults.Ok));
        admin.MapPost("/{id:guid}/unlock", async (StaffAccountsHandler h, Guid id, CancellationToken ct) =>
            (await h.Unlock(id, ct)).ToHttp(_ => TypedResults.NoContent()));
        admin.MapDelete("/{id:guid}/two-factor", async (SecondFactor h, Guid id, CancellationToken ct) =>
            (await h.Reset(id, ct)).ToHttp(_ => TypedResults.NoContent()));
        admin.MapGet("/{id:guid}/sessions", async (StaffAccountsHandler h, Guid id, CancellationToken ct) => (await h.Sessions(id, ct)).ToHttp(TypedResults.Ok));

        // A person with a code from a slip or a text sets their password; nobody is signed in yet.
        var open = app.MapGroup("/api/v1").AllowAnonymous().RequireRateLimiting(RateLimits.Guess).WithTags("Accounts");
        open.MapPost("/activation/check", async (ActivateHandler h, ActivateInput input, CancellationToken ct) => (await h.Peek(input.Code, ct)).ToHttp(TypedResults.Ok));
        open.MapPost("/activation", async (ActivateHandler h, ActivateInput input, CancellationToken ct) => (await h.Activate(input, ct)).ToHttp(TypedResults.Ok));
        open.MapPost("/password-reset/code", async (PasswordsHandler h, TextCodeInput input, CancellationToken ct) =>
            (await h.SendCode(input, ct)).ToHttp(_ => TypedResults.Accepted((string?)null)));
        open.MapPost("/password-reset", async (PasswordsHandler h, TextResetInput input, CancellationToken ct) =>
            (await h.ResetByText(input, ct)).ToHttp(userName => TypedResults.Ok(new { userName })));

        var me = app.MapGroup("/api/v1/me").RequireAuthorization().WithTags("Accounts");
        me.MapPut("/password", async (PasswordsHandler h, ChangePasswordInput input, CancellationToken ct) =>
            (await h.Change(input, ct)).ToHttp(_ => TypedResults.NoContent()));
        me.MapGet("/sessions", async (SessionsHandler h, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(user.UserId ?? Guid.Empty, ct)));
        me.MapPost("/two-factor", async (SecondFactor h, CancellationToken ct) => (await h.Begin(ct)).ToHttp(TypedResults.Ok));
        me.MapPost("/two-factor/confirm", async (SecondFactor h, CodeInput input, CancellationToken ct) =>
            (await h.Confirm(input, ct)).ToHttp(codes => TypedResults.Ok(new { recoveryCodes = codes })));
        me.MapPost("/two-factor/recovery-codes", async (SecondFactor h, CodeInput input, CancellationToken ct) =>
            (await h.NewRecoveryCodes(input, ct)).ToHttp(codes => TypedResults.Ok(new { recoveryCodes = codes })));
    }
}
