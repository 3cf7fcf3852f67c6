using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.WorkOrders.Track;

namespace Volunteer96345.Tests.WorkOrders.Track;

/// <summary>
/// The last four digits of a resident's phone cannot be guessed on /m/track: five wrong answers from one address, or for
/// one tracking code from any number of addresses, and the next try waits, the right digits included.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TrackGuessTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly GuessPolicy Policy = GuessPolicies.Defaults[GuessPurpose.Track];

    private async Task<string> NewOrder(string phone) =>
        (await (await app.ClientFor(WorkOrderSteps.Dispatcher)).Receive(WorkOrderSteps.Call(phone))).GetProperty("trackingCode").GetString()!;

    /// <summary>The tracking page's search, as a request from <paramref name="address"/> with nobody signed in.</summary>
    private async Task<Result<TrackView>> Find(string address, string code, string last4)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ClientAddress = address;
        return await scope.ServiceProvider.GetRequiredService<TrackHandler>().Find(new TrackInput { TrackingCode = code, PhoneLast4 = last4 }, None);
    }

    private Task<int?> Failures(string key) => app.Db(db => db.Set<GuessCounter>().Where(c => c.Purpose == GuessPurpose.Track && c.Key == key)
        .Select(c => (int?)c.Failures).SingleOrDefaultAsync());

    [Fact]
    public async Task After_five_wrong_answers_from_one_address_its_sixth_try_waits_even_when_right_while_other_addresses_may_look()
    {
        var code = await NewOrder("13905735101");
        const string Guesser = "203.0.113.10";

        // Two wrong digits for the code and three codes that do not exist: the address reaches five, the code does not.
        var wrong = new List<Result<TrackView>> { await Find(Guesser, code, "0000"), await Find(Guesser, code, "0001") };
        for (var i = 0; i < Policy.FreeFailures - 2; i++)
        {
            wrong.Add(await Find(Guesser, $"ZZZZ234{i}", "5101"));
        }

        var sixth = await Find(Guesser, code, "5101");
        var someoneElse = await Find("203.0.113.11", code, "5101");

        Assert.All(wrong, r => Assert.Equal(ErrorKind.NotFound, r.Error!.Kind));
        Assert.Equal(ErrorKind.TooManyAttempts, sixth.Error!.Kind);
        Assert.Equal("尝试次数过多，请 1 分钟后再试。", sixth.Error.For("phoneLast4"));
        Assert.Equal(Policy.FreeFailures, await Failures("ip:" + Guesser)); // the refused try was not counted
        Assert.True(someoneElse.IsOk, someoneElse.Error?.Message);

        app.Clock.Advance(Policy.FirstWait);
        var afterWait = await Find(Guesser, code, "5101");

        Assert.True(afterWait.IsOk, afterWait.Error?.Message);
        Assert.Equal(code, afterWait.Value.TrackingCode);
    }

    [Fact]
    public async Task Five_wrong_answers_for_one_tracking_code_from_five_addresses_make_it_wait_for_everyone_until_the_wait_is_over()
    {
        var code = await NewOrder("13905735102");
        var wrong = new List<Result<TrackView>>();
        for (var i = 0; i < Policy.TargetFreeFailures; i++)
        {
            wrong.Add(await Find($"198.51.100.{i + 1}", code, (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var resident = await Find("192.0.2.200", code, "5102");

        Assert.All(wrong, r => Assert.Equal(ErrorKind.NotFound, r.Error!.Kind));
        Assert.Equal(ErrorKind.TooManyAttempts, resident.Error!.Kind);
        var key = GuessKeys.Target("tracking", code);
        Assert.Equal(1, await app.Db(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityType == nameof(GuessBlock) && a.Changes.Contains(key))));

        app.Clock.Advance(Policy.FirstWait);
        var afterWait = await Find("192.0.2.200", code, "5102");

        Assert.True(afterWait.IsOk, afterWait.Error?.Message);
    }

    [Fact]
    public async Task The_page_shows_the_wait_beside_the_digits_with_status_429()
    {
        var code = await NewOrder("13905735103");
        var resident = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        resident.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < Policy.FreeFailures; i++)
        {
            wrong.Add(await resident.PostForm("/m/track", "track", new() { ["Form.TrackingCode"] = code, ["Form.PhoneLast4"] = $"000{i}" }));
        }

        var refused = await resident.PostForm("/m/track", "track", new() { ["Form.TrackingCode"] = code, ["Form.PhoneLast4"] = "5103" });
        var page = await refused.Text();

        Assert.All(wrong, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Matches("data-field=\"phoneLast4\"[^§]*?Too many tries. Try again in a minute.", page);
        Assert.DoesNotContain("track-result", page, StringComparison.Ordinal);
        app.Clock.Advance(Policy.FirstWait);
    }
}
