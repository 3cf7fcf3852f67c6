using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Time;
using Volunteer96345.Data.Timers;
using Volunteer96345.Evaluation;
using Volunteer96345.People;
using Volunteer96345.Tests.Accounts;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>A party member registered through the API for a Pioneer Index test, with an activated phone account.</summary>
internal sealed record PioneerMember(Guid Id, string Mobile, string Name);

/// <summary>
/// Arranging steps of the Pioneer Index tests: party members registered by the admin through the API (each with a phone
/// account activated from its slip), secretaries appointed through the API, facts made through the app's own use cases
/// (orders accepted and resolved on the member's phone and closed by the resident's feedback, training attendance,
/// pairing visits), and the quarter's workflow calls.
/// </summary>
internal static class PioneerSteps
{
    public const string Api = "/api/v1/evaluation/pioneer";

    private static readonly DateOnly Born = new(1975, 5, 5);
    private static int _mobile;
    private static int _caller;

    /// <summary>The first (by name) branch of 城郊村's service point and the organisation above it (中共城郊村委员会 or 总支部).</summary>
    public static async Task<(Guid Branch, Guid SecondBranch, Guid Parent)> ChengjiaoBranches(this AppFixture app)
    {
        var point = await app.ChengjiaoPoint();
        var branches = await app.Db(db => db.PartyOrganizations.AsNoTracking().Where(p => p.StationId == point && p.Kind == PartyOrganizationKind.Branch)
            .OrderBy(p => p.Name).ToListAsync());
        return (branches[0].Id, branches.Count > 1 ? branches[1].Id : branches[0].Id, branches[0].ParentId!.Value);
    }

    /// <summary>A branch of 桃园村's service point: outside 城郊村's tree.</summary>
    public static async Task<Guid> TaoyuanBranch(this AppFixture app)
    {
        var point = await app.TaoyuanPoint();
        return await app.Db(db => db.PartyOrganizations.Where(p => p.StationId == point && p.Kind == PartyOrganizationKind.Branch).OrderBy(p => p.Name)
            .Select(p => p.Id).FirstAsync());
    }

    /// <summary>A new active party member of <paramref name="organizationId"/>, registered by the admin, who has activated the account on the slip.</summary>
    public static async Task<PioneerMember> NewMember(this AppFixture app, string name, Guid organizationId, PartyMemberCategory? category,
        PoliticalStatus status = PoliticalStatus.PartyMember)
    {
        var stationId = await app.Db(db => db.PartyOrganizations.Where(p => p.Id == organizationId).Select(p => p.StationId!.Value).SingleAsync());
        var mobile = "1390000" + Interlocked.Increment(ref _mobile).ToString("D4", CultureInfo.InvariantCulture);
        var input = TestData.ValidVolunteer(stationId, TestData.NewIdNumber(Born), name);
        input.Mobile = mobile;
        input.PoliticalStatus = status;
        input.PartyOrganizationId = organizationId;
        input.MemberCategory = category;
        var admin = await app.ClientFor(TestData.Admin);
        var response = await admin.PostVolunteer(input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Json();
        var code = body.GetProperty("activation").Code();
        var activated = await app.Activate(code, AccountSteps.GoodPassword);
        Assert.True(activated.StatusCode == HttpStatusCode.OK, await activated.Content.ReadAsStringAsync());
        return new PioneerMember(body.GetProperty("id").GetGuid(), mobile, name);
    }

    /// <summary>The member's phone, signed in afresh (a session does not outlive the fake clock's days).</summary>
    public static Task<HttpClient> Phone(this AppFixture app, PioneerMember member, string? culture = null) => culture is null
        ? app.SignedIn(member.Mobile, AccountSteps.GoodPassword)
        : SignedInWith(app, member, culture);

    private static async Task<HttpClient> SignedInWith(AppFixture app, PioneerMember member, string culture)
    {
        var client = app.Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var response = await client.PostAsJsonAsync("/api/v1/session", new { userName = member.Mobile, password = AccountSteps.GoodPassword });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>The town admin appoints the member secretary of the organisation (PUT …/party-organizations/{id}/secretary).</summary>
    public static async Task Appoint(this AppFixture app, Guid organizationId, Guid? volunteerId)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var response = await admin.PutAsJsonAsync($"/api/v1/party-organizations/{organizationId}/secretary", new { volunteerId });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The town admin opens the quarter for every party member without an assessment; answers how many were opened.</summary>
    public static async Task<int> OpenQuarter(this AppFixture app, int year, int quarter)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var response = await admin.PostAsJsonAsync($"{Api}/quarters", new { year, quarter });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("opened").GetInt32();
    }

    public static Task<Guid> AssessmentOf(this AppFixture app, PioneerMember member, int year = 2026, int quarter = 4) =>
        app.Db(db => db.Set<PioneerAssessment>().Where(a => a.VolunteerId == member.Id && a.Year == year && a.Quarter == quarter).Select(a => a.Id).SingleAsync());

    public static Task<PioneerAssessment> Assessment(this AppFixture app, Guid id) =>
        app.Db(db => db.Set<PioneerAssessment>().AsNoTracking().SingleAsync(a => a.Id == id));

    public static async Task<Guid> Declare(this HttpClient member, Guid assessmentId, string itemCode, decimal units, string text = "社区防疫志愿服务，附照片")
    {
        var response = await member.PostAsJsonAsync($"{Api}/assessments/{assessmentId}/declarations", new { itemCode, units, text });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> Review(this HttpClient client, Guid assessmentId, object input) =>
        client.PostAsJsonAsync($"{Api}/assessments/{assessmentId}/review", input);

    public static async Task Reviewed(this HttpClient client, Guid assessmentId, object input)
    {
        var response = await client.Review(assessmentId, input);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> Approve(this HttpClient client, Guid assessmentId) =>
        client.PostAsync($"{Api}/assessments/{assessmentId}/approve", null);

    public static async Task Approved(this AppFixture app, Guid assessmentId)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var response = await admin.Approve(assessmentId);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> Object(this HttpClient client, Guid assessmentId, string reason = "该同志本季度多次缺席支部活动") =>
        client.PostAsJsonAsync($"{Api}/assessments/{assessmentId}/objections", new { reason });

    public static async Task<JsonElement> View(this HttpClient client, Guid assessmentId)
    {
        var response = await client.GetAsync($"{Api}/assessments/{assessmentId}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    /// <summary>
    /// A 水电维修 order (15 points in the catalogue) the dispatcher assigns to the member, who accepts on the phone, sets off
    /// and arrives (after <paramref name="lateBy"/>, the SLA sweeper fired in between, when given) and resolves it
    /// <paramref name="accepted"/> after accepting; the resident's feedback then closes it.
    /// </summary>
    public static async Task<Guid> ClosedOrder(this AppFixture app, PioneerMember member, TimeSpan accepted, TimeSpan? lateBy = null)
    {
        var caller = "1370000" + Interlocked.Increment(ref _caller).ToString("D4", CultureInfo.InvariantCulture);
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var id = (await dispatcher.Receive(WorkOrderSteps.Call(caller))).GetProperty("id").GetGuid();
        var assigned = await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{id}/dispatch", new { mode = "Assign", kind = "Volunteer", candidateId = member.Id });
        Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
        var order = await app.Load(id);
        var offer = order.Offers.Single(o => o.CandidateId == member.Id && o.Status == OfferStatus.Open);
        var phone = await app.Phone(member);
        await Step(phone, id, $"offers/{offer.Id}/accept");
        if (lateBy is { } late)
        {
            app.Clock.Advance(late);
            await app.Services.GetRequiredService<TimerSweeper>().FireDueAsync(CancellationToken.None);
            phone = await app.Phone(member);
        }

        await Step(phone, id, "en-route");
        await Step(phone, id, "arrive");
        app.Clock.Advance(accepted - (lateBy ?? TimeSpan.Zero));
        phone = await app.Phone(member);
        var resolved = await phone.PostAsJsonAsync($"/api/v1/work-orders/{id}/resolve", new { resolution = "已修好水管" });
        Assert.True(resolved.IsSuccessStatusCode, await resolved.Content.ReadAsStringAsync());
        var token = await app.FeedbackToken(order.TrackingCode);
        var feedback = await app.CreateClient().PostForm($"/m/feedback/{order.TrackingCode}?t={token}", "feedback", new()
        {
            ["Form.Satisfaction"] = "5",
            ["Form.Attitude"] = "Good",
            ["Form.Outcome"] = "Solved",
        });
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);
        Assert.Equal(WorkOrderStatus.Closed, (await app.Load(id)).Status);
        return id;

        static async Task Step(HttpClient phone, Guid id, string step)
        {
            var response = await phone.PostAsJsonAsync($"/api/v1/work-orders/{id}/{step}", new { });
            Assert.True(response.IsSuccessStatusCode, step + ": " + await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>A training session of 城郊村 held <paramref name="daysAgo"/> days ago, which the members attended (recorded by the admin).</summary>
    public static async Task Trained(this AppFixture app, int daysAgo, params PioneerMember[] members)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/training", new
        {
            kind = "MondayEveningStudy",
            stationId = await app.ChengjiaoPoint(),
            topic = "周一夜学 " + Guid.NewGuid().ToString("N")[..6],
            date = Shanghai.Format(Shanghai.Today(app.Clock).AddDays(-daysAgo)),
            place = "城郊村文化礼堂",
            trainer = "支部书记",
            hours = 1.5m,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var session = (await created.Json()).GetProperty("id").GetGuid();
        foreach (var member in members)
        {
            var attended = await admin.PostAsJsonAsync($"/api/v1/training/{session}/attendees", new { volunteerId = member.Id });
            Assert.True(attended.StatusCode == HttpStatusCode.NoContent, await attended.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// The member paired with a new care recipient of 城郊村 10 days ago, cadence 7 days, and visited 5 days ago (due 3 days
    /// ago: on time) and yesterday (due in 2 days: on time): two visits on time.
    /// </summary>
    public static async Task PairedAndVisitedTwice(this AppFixture app, PioneerMember member)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var today = Shanghai.Today(app.Clock);
        var recipient = await admin.RegisterCareRecipient(TestData.ValidCareRecipient(await app.ChengjiaoPoint(),
            TestData.NewIdNumber(new DateOnly(1940, 2, 2)), "结对" + member.Name));
        var pairing = await admin.Pair(new { careRecipientId = recipient, volunteerId = member.Id, cadenceDays = 7, startedOn = today.AddDays(-10) });
        foreach (var daysAgo in new[] { 5, 1 })
        {
            var visited = await admin.PostAsJsonAsync($"/api/v1/pairings/{pairing}/visits", new { on = today.AddDays(-daysAgo), kind = "HomeVisit", notes = "上门看望" },
                TestData.ApiJson);
            Assert.True(visited.StatusCode == HttpStatusCode.OK, await visited.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Every row the Pioneer workflow and the scheme editor could change, with the app's own fingerprint.</summary>
    public static async Task<string> PioneerFingerprint(this AppFixture app) => await app.Fingerprint() + "#" + await app.Db(async db =>
    {
        var assessments = await db.Set<PioneerAssessment>().AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        var schemes = await db.Set<PioneerSchemeYear>().AsNoTracking().OrderBy(s => s.Year).ToListAsync();
        var secretaries = await db.PartyOrganizations.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id.ToString() + p.SecretaryVolunteerId).ToListAsync();
        return string.Join('|',
            string.Join(',', assessments.Select(a => $"{a.Id}:{a.Status}:{a.Version}:{a.Score}:{a.Adjustment}:{a.Violation}:{a.Declarations.Count}:"
                + $"{string.Join(';', a.Declarations.Select(d => d.Status + "/" + d.AcceptedUnits))}:{a.Objections.Count}:{a.Steps.Count}")),
            string.Join(',', schemes.Select(s => $"{s.Year}:{s.Version}:{s.SchemeJson}")),
            string.Join(',', secretaries));
    });
}
