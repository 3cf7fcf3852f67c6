using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Points;
using Volunteer96345.StationServices;
using Volunteer96345.StationServices.OutpostReport;
using Volunteer96345.StationServices.Outposts;

namespace Volunteer96345.Tests.StationServices;

/// <summary>The outposts' convenience log: one-tap entries with points, item storage and pick-up by code, duty and staffing.</summary>
[Trait("Category", "Integration")]
public sealed class OutpostTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private Task<long> Balance(Guid volunteerId) => app.As<PointsBank, long>(OutpostSteps.Volunteer, async bank =>
        await bank.Balance((await bank.AccountForVolunteer(volunteerId)).Value) ?? 0);

    private Task<(int Entries, int Postings, int Items)> Counts() => app.Db(async db => (
        await db.Set<ConvenienceEntry>().IgnoreQueryFilters().CountAsync(),
        await db.Postings.CountAsync(),
        await db.Set<StoredItem>().IgnoreQueryFilters().CountAsync()));

    [Fact]
    public async Task A_one_tap_entry_counts_for_the_outpost_and_the_volunteer_and_earns_convenience_points()
    {
        var outpost = (await app.RedCubes())[0];
        await app.OnDuty(outpost.Id);
        var volunteer = await app.VolunteerId();
        var month = () => app.As<OutpostReportHandler, OutpostMonth>("admin", h => h.Month(null, null, None));
        var (before, balance) = (await month(), await Balance(volunteer));

        var logged = await app.As<OutpostLogHandler, Result<Guid>>(OutpostSteps.Volunteer,
            h => h.Quick(outpost.Id, new QuickEntryInput { Kind = ConvenienceKind.Directions, Note = "游客问观潮景区怎么走" }, None));

        Assert.True(logged.IsOk, logged.Error?.Message);
        var entry = await app.Db(db => db.Set<ConvenienceEntry>().IgnoreQueryFilters().SingleAsync(e => e.Id == logged.Value));
        Assert.Equal((outpost.Id, volunteer, ConvenienceKind.Directions), (entry.StationId, entry.VolunteerId, entry.Kind));
        var posting = await app.Db(db => db.Postings.SingleAsync(p => p.Key == entry.PointsKey));
        Assert.Equal(EarningType.ConvenienceService, posting.EarningType);
        Assert.True(await Balance(volunteer) > balance);
        var after = await month();
        int Count(OutpostMonth m) => m.Outposts.Single(o => o.StationId == outpost.Id).ByKind.GetValueOrDefault(ConvenienceKind.Directions);
        Assert.Equal(Count(before) + 1, Count(after));
        Assert.Equal((before.Volunteers.SingleOrDefault(v => v.VolunteerId == volunteer)?.Total ?? 0) + 1, after.Volunteers.Single(v => v.VolunteerId == volunteer).Total);
    }

    [Fact]
    public async Task Logging_at_an_outpost_one_is_not_on_duty_at_is_refused_with_a_clear_message_and_changes_nothing()
    {
        var outposts = await app.RedCubes();
        var elsewhere = outposts[^1];
        var client = await app.ClientFor(OutpostSteps.Volunteer, "en");
        var before = (await app.Fingerprint(), await Counts());

        var api = await client.PostAsJsonAsync($"/api/v1/outposts/{elsewhere.Id}/entries", new { kind = "Rest" });
        var store = await client.PostAsJsonAsync($"/api/v1/outposts/{elsewhere.Id}/items", new { description = "雨伞", ownerPhone = "13905730003" });
        var zh = await app.As<OutpostLogHandler, Result<Guid>>(OutpostSteps.Volunteer, h => h.Quick(elsewhere.Id, new QuickEntryInput { Kind = ConvenienceKind.Rest }, None));

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("not on duty", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, store.StatusCode);
        Assert.Equal($"您现在不在“{elsewhere.Name}”值班，不能登记。", zh.Error!.Message);
        Assert.Equal(before, (await app.Fingerprint(), await Counts()));
    }

    [Fact]
    public async Task A_stored_item_is_picked_up_once_with_its_code_and_the_time_is_recorded()
    {
        var outpost = (await app.RedCubes())[1];
        await app.OnDuty(outpost.Id);
        var stored = await app.Store(outpost.Id);

        var claimed = await app.ClaimAs(outpost.Id, OutpostLogHandler.QrPrefix + stored.ClaimCode);

        Assert.True(claimed.IsOk, claimed.Error?.Message);
        var item = await app.Db(db => db.Set<StoredItem>().IgnoreQueryFilters().SingleAsync(i => i.Id == stored.Id));
        Assert.Equal(StoredItemStatus.Claimed, item.Status);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, item.ClaimedAt);
        Assert.Equal(await app.VolunteerId(), item.ClaimedBy);
        Assert.Equal("139****0002", item.OwnerPhoneMasked);
        Assert.DoesNotContain("13905730002", item.OwnerPhoneCipher);
        Assert.DoesNotContain(stored.ClaimCode, item.ClaimCodeHash);
        Assert.Equal(1, await app.Db(db => db.Set<ConvenienceEntry>().IgnoreQueryFilters().CountAsync(e => e.StoredItemId == stored.Id && e.Kind == ConvenienceKind.ItemStorage)));
    }

    [Fact]
    public async Task A_wrong_or_used_claim_code_is_refused_with_a_clear_message_and_changes_nothing()
    {
        var outpost = (await app.RedCubes())[1];
        await app.OnDuty(outpost.Id);
        var stored = await app.Store(outpost.Id, "红色雨伞");
        Assert.True((await app.ClaimAs(outpost.Id, stored.ClaimCode)).IsOk);
        var wrongCode = stored.ClaimCode == "000000" ? "000001" : "000000";
        var client = await app.ClientFor(OutpostSteps.Volunteer, "en");
        var before = (await app.Fingerprint(), await Counts(), await app.Db(db => db.Set<StoredItem>().IgnoreQueryFilters().Select(i => i.Version).SumAsync()));

        var used = await app.ClaimAs(outpost.Id, stored.ClaimCode);
        var wrong = await app.ClaimAs(outpost.Id, wrongCode);
        var garbage = await app.ClaimAs(outpost.Id, "12ab");
        var api = await client.PostAsJsonAsync($"/api/v1/outposts/{outpost.Id}/claims", new { code = stored.ClaimCode });

        Assert.Equal("该取件码对应的物品已被取走。", used.Error!.For("code"));
        Assert.Equal("取件码不正确。", wrong.Error!.For("code"));
        Assert.Equal("取件码不正确。", garbage.Error!.For("code"));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("already been picked up", await api.Content.ReadAsStringAsync());
        Assert.Equal(before, (await app.Fingerprint(), await Counts(), await app.Db(db => db.Set<StoredItem>().IgnoreQueryFilters().Select(i => i.Version).SumAsync())));
    }

    [Fact]
    public async Task Two_claims_of_one_item_at_the_same_moment_give_exactly_one_success()
    {
        var outpost = (await app.RedCubes())[2];
        await app.OnDuty(outpost.Id);
        var stored = await app.Store(outpost.Id, "行李箱");

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => app.ClaimAs(outpost.Id, stored.ClaimCode))));

        Assert.Single(results, r => r.IsOk);
        Assert.Equal("该取件码对应的物品已被取走。", Assert.Single(results, r => !r.IsOk).Error!.For("code"));
        var item = await app.Db(db => db.Set<StoredItem>().IgnoreQueryFilters().SingleAsync(i => i.Id == stored.Id));
        Assert.Equal((StoredItemStatus.Claimed, 1), (item.Status, item.Version));
    }

    [Fact]
    public async Task An_outpost_is_staffed_now_when_someone_is_on_its_roster_within_its_opening_hours()
    {
        var outpost = (await app.RedCubes())[0];
        await app.OnDuty(outpost.Id);

        var mine = await app.As<OutpostLogHandler, List<OutpostSummary>>(OutpostSteps.Volunteer, h => h.Mine(None));
        var page = WebUtility.HtmlDecode(await (await app.ClientFor(OutpostSteps.Volunteer)).GetStringAsync($"/m/outpost/{outpost.Id}"));

        var summary = Assert.Single(mine, o => o.Id == outpost.Id);
        Assert.True(summary.OnDutyMe);
        Assert.Equal(summary.OpenNow != false, summary.StaffedNow);
        Assert.Contains("一键登记", page);
        Assert.Contains(outpost.Name, page);
    }

    [Theory]
    [InlineData("每日 7:00-21:00", "07:00", "21:00", false)]
    [InlineData("周一至周五 8:30-17:00", "08:30", "17:00", true)]
    [InlineData("工作日 9:00-17:00", "09:00", "17:00", true)]
    public void Opening_hours_are_read_from_the_stations_text(string text, string opens, string closes, bool weekdaysOnly)
    {
        var hours = OpeningHours.Parse(text)!;

        Assert.Equal((TimeOnly.Parse(opens, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(closes, System.Globalization.CultureInfo.InvariantCulture), weekdaysOnly),
            (hours.Opens, hours.Closes, hours.WeekdaysOnly));
        Assert.Null(OpeningHours.Parse("全天候"));
    }

    [Theory]
    [InlineData("每日 7:00-21:00", "2026-11-29 10:00", "2026-11-29 21:00")] // open: today's closing
    [InlineData("每日 7:00-21:00", "2026-11-29 06:30", "2026-11-29 21:00")] // before opening: still today's
    [InlineData("每日 7:00-21:00", "2026-11-29 22:44", "2026-11-30 21:00")] // left at night: by the next evening
    [InlineData("工作日 9:00-17:00", "2026-11-27 18:00", "2026-11-30 17:00")] // Friday evening: by Monday's closing
    [InlineData("工作日 9:00-17:00", "2026-11-28 10:00", "2026-11-30 17:00")] // a Saturday: by Monday's closing
    public void A_stored_item_is_due_by_the_first_closing_time_after_it_was_left(string text, string leftAt, string dueBy)
    {
        var at = DateTime.Parse(leftAt, System.Globalization.CultureInfo.InvariantCulture);

        var due = OpeningHours.Parse(text)!.NextClosing(at);

        Assert.Equal(DateTime.Parse(dueBy, System.Globalization.CultureInfo.InvariantCulture), due);
    }
}
