using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Time;
using Volunteer96345.People;
using Volunteer96345.StationServices;
using Volunteer96345.StationServices.Outposts;
using Volunteer96345.Tests.Activities;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.StationServices.Outposts;

/// <summary>
/// An item's 6-digit claim code cannot be guessed at the outpost: five wrong codes from one volunteer, or ten at one outpost
/// from anyone, and the next try waits, the right code included; after the wait the right code picks the item up.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClaimCodeGuessTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly GuessPolicy Policy = GuessPolicies.Defaults[GuessPurpose.ItemClaim];

    private static string Wrong(string code, int i) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1 + i) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Another active volunteer put on the outpost's roster around now, as the demo volunteer is by <see cref="OutpostSteps.OnDuty"/>.</summary>
    private async Task<Guid> AnotherOnDuty(Guid outpostId)
    {
        var other = (await app.ActiveVolunteers(4))[3];
        var local = Shanghai.ToLocal(app.Clock.GetUtcNow().UtcDateTime);
        await app.Db(async db =>
        {
            db.DutyShifts.Add(DutyShift.Plan(outpostId, DateOnly.FromDateTime(local.AddHours(-1)), TimeOnly.FromDateTime(local.AddHours(-1)),
                TimeOnly.FromDateTime(local.AddHours(2)), other, app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        return other;
    }

    private Task<StoredItemStatus> Status(Guid itemId) =>
        app.Db(db => db.Set<StoredItem>().IgnoreQueryFilters().Where(i => i.Id == itemId).Select(i => i.Status).SingleAsync());

    [Fact]
    public async Task After_five_wrong_codes_the_sixth_try_waits_even_with_the_right_code_and_after_the_wait_the_right_code_picks_up()
    {
        var outpost = (await app.RedCubes())[0];
        await app.OnDuty(outpost.Id);
        var other = await AnotherOnDuty(outpost.Id);
        var first = await app.Store(outpost.Id, "蓝色保温杯");
        var phone = await app.ClientFor(OutpostSteps.Volunteer, "en");
        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < Policy.FreeFailures; i++)
        {
            wrong.Add(await phone.PostAsJsonAsync($"/api/v1/outposts/{outpost.Id}/claims", new { code = Wrong(first.ClaimCode, i) }));
        }

        var before = await app.Fingerprint();
        var sixth = await phone.PostAsJsonAsync($"/api/v1/outposts/{outpost.Id}/claims", new { code = first.ClaimCode });
        var page = await phone.PostForm($"/m/outpost/{outpost.Id}", "claim", new() { ["ClaimForm.Code"] = first.ClaimCode });

        Assert.All(wrong, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Equal("60", sixth.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Too many tries. Try again in a minute.", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many tries. Try again in a minute.", await page.Text(), StringComparison.Ordinal);
        Assert.Equal(before, await app.Fingerprint());
        Assert.Equal(StoredItemStatus.Stored, await Status(first.Id));

        // Another volunteer on duty is not held up by this one's wrong codes.
        var theirs = await app.AsVolunteer<OutpostLogHandler, Result<StoredItemRow>>(other, h => h.Claim(outpost.Id, new ClaimInput { Code = first.ClaimCode }, None));
        Assert.True(theirs.IsOk, theirs.Error?.Message);

        var second = await app.Store(outpost.Id, "雨伞");
        app.Clock.Advance(Policy.FirstWait);
        var afterWait = await phone.PostAsJsonAsync($"/api/v1/outposts/{outpost.Id}/claims", new { code = second.ClaimCode });

        Assert.Equal(HttpStatusCode.OK, afterWait.StatusCode);
        Assert.Equal(StoredItemStatus.Claimed, await Status(second.Id));
    }

    [Fact]
    public async Task Ten_wrong_codes_at_one_outpost_from_ten_people_make_it_wait_for_everyone_until_the_wait_is_over()
    {
        var outpost = (await app.RedCubes())[1];
        await app.OnDuty(outpost.Id);
        var other = await AnotherOnDuty(outpost.Id);
        var item = await app.Store(outpost.Id, "快递包裹");

        // Each call is another account (ActivitySteps.AsVolunteer) of the volunteer on duty: one wrong code each.
        var wrong = new List<Result<StoredItemRow>>();
        for (var i = 0; i < Policy.TargetFreeFailures; i++)
        {
            wrong.Add(await app.AsVolunteer<OutpostLogHandler, Result<StoredItemRow>>(other,
                h => h.Claim(outpost.Id, new ClaimInput { Code = Wrong(item.ClaimCode, i) }, None)));
        }

        var refused = await app.ClaimAs(outpost.Id, item.ClaimCode);

        Assert.All(wrong, r => Assert.Equal(ErrorKind.Validation, r.Error!.Kind));
        Assert.Equal(ErrorKind.TooManyAttempts, refused.Error!.Kind);
        Assert.Equal("尝试次数过多，请 1 分钟后再试。", refused.Error.For("code"));
        Assert.Equal(StoredItemStatus.Stored, await Status(item.Id));

        app.Clock.Advance(Policy.FirstWait);
        var afterWait = await app.ClaimAs(outpost.Id, item.ClaimCode);

        Assert.True(afterWait.IsOk, afterWait.Error?.Message);
        Assert.Equal(StoredItemStatus.Claimed, await Status(item.Id));
    }
}
