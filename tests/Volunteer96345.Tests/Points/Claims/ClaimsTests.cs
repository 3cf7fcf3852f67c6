using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Errors;
using Volunteer96345.Points;
using Volunteer96345.Points.Claims;
using static Volunteer96345.Tests.Points.PointsSteps;

namespace Volunteer96345.Tests.Points.Claims;

/// <summary>申报 → station review → 公示 with objections → points posted when the period ends.</summary>
[Trait("Category", "Integration")]
public sealed class ClaimsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<ClaimInput> AGoodDeed(string mobile) => new()
    {
        StationId = await app.ChengjiaoPoint(),
        Type = EarningType.GoodDeed,
        DoerName = "张阿强",
        DoerMobile = mobile,
        Description = "在城郊村河边救起落水儿童",
        OccurredOn = new DateOnly(2026, 11, 28),
        Place = "城郊村河埠头",
        DeclarerKind = DeclarerKind.HelpedResident,
        DeclarerName = "李大妈",
    };

    private static string Mobile() => "137" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>Declared on the phone page by someone not signed in.</summary>
    private async Task<Result<ClaimReceipt>> Declare(ClaimInput input, IReadOnlyList<EvidenceFile>? files = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeclareClaimHandler>().Declare(input, files ?? [], CancellationToken.None);
    }

    private Task<Claim> Load(Guid id) => app.Db(db => db.Set<Claim>().IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == id));

    private Task<int> Sweep() => app.Services.GetRequiredService<ClaimSweeper>().PostDueAsync(CancellationToken.None);

    [Fact]
    public async Task An_approved_claim_is_publicly_posted_for_seven_days_and_then_its_rule_points_reach_the_doer_once()
    {
        var mobile = Mobile();
        var receipt = (await Declare(await AGoodDeed(mobile), [new EvidenceFile("photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3])])).Value;
        var claim = await Load(receipt.Id);
        Assert.Equal(ClaimStatus.Submitted, claim.Status);
        Assert.Single(claim.EvidenceIds);

        var points = await app.As<ReviewClaimsHandler, Result<long>>(TestData.Chengjiao, h => h.Approve(receipt.Id, CancellationToken.None));
        Assert.Equal(20, points.Value);
        var shown = await app.As<PublicityHandler, List<PublicClaim>>(TestData.Admin, h => h.Current(CancellationToken.None));
        var publicClaim = Assert.Single(shown, c => c.Id == receipt.Id);
        Assert.Equal("张**", publicClaim.DoerName);

        app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await Sweep();
        Assert.Equal(ClaimStatus.Publicized, (await Load(receipt.Id)).Status);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await Sweep() >= 1);
        await Sweep();

        claim = await Load(receipt.Id);
        Assert.Equal(ClaimStatus.Posted, claim.Status);
        Assert.Equal(20, await app.BalanceOf(claim.DoerAccountId));
        var statement = await app.Bank(b => b.Statement(claim.DoerAccountId, null, 1, 10));
        Assert.Equal("在城郊村河边救起落水儿童", Assert.Single(statement.Items).Reason);
        AssertBalanced(await app.Verify());
    }

    [Fact]
    public async Task A_station_manager_cannot_approve_a_claim_they_declared_and_nothing_changes()
    {
        ClaimReceipt receipt;
        await using (var scope = await app.ScopeFor(TestData.Chengjiao))
        {
            var input = await AGoodDeed(Mobile());
            input.DeclarerKind = DeclarerKind.StationStaff;
            receipt = (await scope.ServiceProvider.GetRequiredService<DeclareClaimHandler>().Declare(input, [], CancellationToken.None)).Value;
        }

        var before = await app.Fingerprint();

        var result = await app.As<ReviewClaimsHandler, Result<long>>(TestData.Chengjiao, h => h.Approve(receipt.Id, CancellationToken.None));

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
        Assert.Equal("不能审核自己申报或本人所做的事项", result.Error.Message);
        Assert.Equal(ClaimStatus.Submitted, (await Load(receipt.Id)).Status);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task An_upheld_objection_rejects_the_claim_and_nothing_posts()
    {
        var receipt = (await Declare(await AGoodDeed(Mobile()))).Value;
        await app.As<ReviewClaimsHandler, Result<long>>(TestData.Chengjiao, h => h.Approve(receipt.Id, CancellationToken.None));

        var objected = await app.Bank(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PublicityHandler>()
                .Object(receipt.Id, new ObjectionInput { Name = "王五", Reason = "当天救人的是另一位村民" }, CancellationToken.None);
        });
        Assert.True(objected.IsOk);
        var objectionId = (await Load(receipt.Id)).Objections.Single().Id;
        app.Clock.Advance(TimeSpan.FromDays(8));
        await Sweep();
        Assert.Equal(ClaimStatus.Publicized, (await Load(receipt.Id)).Status); // an open objection holds the posting

        var upheld = await app.As<ReviewClaimsHandler, Result<bool>>(TestData.Chengjiao, h => h.Decide(receipt.Id, objectionId, true, CancellationToken.None));

        Assert.True(upheld.IsOk);
        var claim = await Load(receipt.Id);
        Assert.Equal(ClaimStatus.Rejected, claim.Status);
        Assert.Equal("当天救人的是另一位村民", claim.RejectReason);
        await Sweep();
        Assert.Equal(0, await app.BalanceOf(claim.DoerAccountId));
    }

    [Fact]
    public async Task Objecting_after_the_posting_period_is_refused_with_a_clear_message_and_changes_nothing()
    {
        var receipt = (await Declare(await AGoodDeed(Mobile()))).Value;
        await app.As<ReviewClaimsHandler, Result<long>>(TestData.Chengjiao, h => h.Approve(receipt.Id, CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var before = await app.Fingerprint();

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PublicityHandler>()
            .Object(receipt.Id, new ObjectionInput { Name = "王五", Reason = "太晚了" }, CancellationToken.None);

        Assert.Equal("公示期已结束，不能再提出异议", result.Error!.Message);
        Assert.Empty((await Load(receipt.Id)).Objections);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task A_claim_without_who_what_when_or_where_is_refused_field_by_field_and_nothing_is_saved()
    {
        var count = await app.Db(db => db.Set<Claim>().IgnoreQueryFilters().CountAsync());
        var bad = await AGoodDeed("12345");
        bad.DoerName = "";
        bad.Description = " ";
        bad.OccurredOn = new DateOnly(2027, 1, 1);
        bad.Place = null;

        var result = await Declare(bad, [new EvidenceFile("virus.exe", [1, 2, 3])]);

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        foreach (var field in new[] { "doerName", "doerMobile", "description", "occurredOn", "place", "evidence" })
        {
            Assert.NotNull(result.Error.For(field));
        }

        Assert.Equal(count, await app.Db(db => db.Set<Claim>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task A_rejected_claim_keeps_its_reason_and_a_second_review_is_refused()
    {
        var receipt = (await Declare(await AGoodDeed(Mobile()))).Value;

        var rejected = await app.As<ReviewClaimsHandler, Result<bool>>(TestData.Chengjiao, h => h.Reject(receipt.Id, "证据不足", CancellationToken.None));
        var approved = await app.As<ReviewClaimsHandler, Result<long>>(TestData.Chengjiao, h => h.Approve(receipt.Id, CancellationToken.None));
        var noReason = await app.As<ReviewClaimsHandler, Result<bool>>(TestData.Chengjiao, h => h.Reject(receipt.Id, "", CancellationToken.None));

        Assert.True(rejected.IsOk);
        Assert.Equal(ErrorKind.Conflict, approved.Error!.Kind);
        Assert.NotNull(noReason.Error!.For("reason"));
        Assert.Equal("证据不足", (await Load(receipt.Id)).RejectReason);
    }
}
