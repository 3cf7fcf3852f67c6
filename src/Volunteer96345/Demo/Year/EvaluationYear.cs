using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Data;
using Volunteer96345.Evaluation;
using Volunteer96345.Evaluation.Rectifications;
using Volunteer96345.Evaluation.SpotChecks;
using Volunteer96345.Evaluation.Suggestions;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Demo.Year;

/// <summary>
/// The inspector's year: the month's sample is drawn by the platform on the 1st (its monthly job, which the year sweeps
/// each night); on working days the inspector works through it by phone and on site, and a finding now and then becomes a
/// rectification that the station answers (late, sometimes), that the inspector closes or returns.
/// </summary>
internal sealed class EvaluationYear : YearPart
{
    private const string Inspector = "inspector";
    private readonly Random _random = new(9634516);
    private readonly Dictionary<Guid, string> _managers = [];

    private static readonly string[] Issues =
    [
        "回访核实服务未按约定上门，请核查志愿者接单情况并加强上门服务管理",
        "服务对象反映态度生硬，请组织该志愿者参加服务礼仪培训",
        "维修后问题反复出现，请安排复修并建立回访台账",
        "台账记录与实际不符，请规范驿站便民服务台账登记",
        "兑换物品未交到居民手中，请核查兑换记录并补发",
        "活动签到人员与实际到场人员不一致，请规范签到管理",
    ];

    private static readonly string[] Answers =
    [
        "已约谈相关志愿者，组织站点全体志愿者学习服务规范，并安排复查上门",
        "已安排志愿者再次上门，居民确认问题已解决，附现场照片",
        "已补发兑换物品并由居民签收，兑换台账已更正",
        "已组织服务礼仪培训一次，签到表附后",
        "已重新登记台账并指定专人每日核对",
    ];

    private static readonly (SuggestionTopic Topic, string Text, string Answer, bool Adopted)[] Suggestions =
    [
        (SuggestionTopic.Livelihood, "建议在村文化礼堂设老年助餐点，独居老人吃饭不方便", "已与文化礼堂协调，每周一至周五中午供餐，80岁以上老人送餐上门", true),
        (SuggestionTopic.Service, "希望先锋服务日多安排晚上的活动，上班的党员白天来不了", "下月起每月25日增加一场晚间活动（19:00—20:30）", true),
        (SuggestionTopic.Service, "96345上门维修能否提前电话告知大概到达时间", "已要求志愿者接单后电话联系居民并告知预计到达时间", true),
        (SuggestionTopic.PartyBuilding, "建议党员活动室周末也开放，方便流动党员参加组织生活", "周六上午开放党员活动室，由支部委员轮流值守", true),
        (SuggestionTopic.Livelihood, "老街路灯坏了好几盏，晚上出门不安全", "已报镇城管部门维修，三天内修复", true),
        (SuggestionTopic.Other, "建议积分可以兑换公交卡充值", "公交卡充值涉及资金结算，暂不具备条件，已增加兑换日用品种类", false),
    ];

    private static readonly string[] Confirmed = ["电话回访居民，确认志愿者按时上门，服务到位", "居民表示满意，问题已解决", "现场查看，服务属实", "核对签到与现场照片，属实", "居民确认已领取兑换物品"];

    public override async Task PrepareAsync(IServiceProvider services, YearStage stage, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var scopes = await db.StaffStations.AsNoTracking().Join(db.Users.Where(u => u.IsActive), s => s.UserId, u => u.Id, (s, u) => new { s.StationId, u.UserName })
            .ToListAsync(cancellationToken);
        foreach (var scope in scopes.OrderBy(s => s.UserName, StringComparer.Ordinal))
        {
            _managers.TryAdd(scope.StationId, scope.UserName!);
        }
    }

    public override void PlanDay(DateOnly day, YearStage stage)
    {
        // A resident's suggestion about once a week; the station's manager answers it within a week (the last ones stay open).
        if (_random.NextDouble() < 0.14 && _managers.Count > 0)
        {
            var (topic, text, answer, adopted) = Suggestions[_random.Next(Suggestions.Length)];
            var station = _managers.Keys.ElementAt(_random.Next(_managers.Count));
            var wait = _random.Next(1, 8);
            stage.At(YearStage.On(day, 20, _random.Next(60)), "suggestion", async ct =>
            {
                var made = await stage.Run<SuggestionsHandler, Result<Guid>>(YearActors.Anonymous, h => h.Submit(
                    new SuggestionInput { StationId = station, Topic = topic, Text = text }, ct));
                if (made.IsOk)
                {
                    stage.At(stage.Now.AddDays(wait).AddHours(-10), "suggestion answered", async ct2 => YearStage.Outcome(
                        await stage.Run<SuggestionsHandler, Result<bool>>(await stage.Account(_managers[station]), h => h.Answer(made.Value,
                            new SuggestionAnswerInput { Adopted = adopted, Answer = answer, IsPublic = true }, ct2))));
                }

                return made.Error;
            });
        }

        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || day.Day is 1 or > 26)
        {
            return;
        }

        var acts = _random.Next(2, 5);
        for (var i = 0; i < acts; i++)
        {
            var plan = new Random(_random.Next());
            stage.At(YearStage.On(day, 9 + plan.Next(7), plan.Next(60)), "spot check", ct => WorkAsync(stage, plan, ct));
        }
    }

    private async Task<AppError?> WorkAsync(YearStage stage, Random plan, CancellationToken cancellationToken)
    {
        var inspector = await stage.Account(Inspector);
        // The inspector's list, as the page shows it; read plainly here, since the year only needs a few of its rows.
        var pending = await stage.Run<AppDbContext, List<(Guid Id, Guid StationId, DrawReasons Reasons)>>(null, async db =>
            [.. (await db.Set<SpotCheck>().AcrossStations("the demo's inspector works the town's sample").AsNoTracking().Where(c => c.CheckedAt == null)
                .OrderBy(c => c.ServedAt).Take(12).Select(c => new { c.Id, c.StationId, c.Reasons }).ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.StationId, c.Reasons))]);
        if (pending.Count == 0)
        {
            return null;
        }

        var check = pending[plan.Next(pending.Count)];
        var low = check.Reasons.HasFlag(DrawReasons.LowRating);
        var roll = plan.NextDouble();
        var input = new SpotCheckInput { Method = plan.NextDouble() < 0.75 ? SpotCheckMethod.Phone : SpotCheckMethod.OnSite };
        if (roll < 0.07)
        {
            input.Verdict = SpotCheckVerdict.Unreachable;
            input.Findings = "电话无人接听，两次未联系上";
        }
        else if (roll < 0.09)
        {
            input.Verdict = SpotCheckVerdict.NotGiven;
            input.Findings = "居民表示未接受过该项服务";
        }
        else
        {
            input.Verdict = SpotCheckVerdict.Confirmed;
            input.Attitude = low ? plan.Next(2, 5) : plan.NextDouble() < 0.8 ? 5 : 4;
            input.Satisfaction = low ? plan.Next(2, 5) : plan.NextDouble() < 0.7 ? 5 : 4;
            input.Outcome = low && plan.NextDouble() < 0.4 ? Outcome.PartlySolved : plan.NextDouble() < 0.03 ? Outcome.NotSolved : Outcome.Solved;
            input.Findings = input.Attitude <= 2 || input.Outcome == Outcome.NotSolved ? "居民反映服务不到位" : Confirmed[plan.Next(Confirmed.Length)];
        }

        input.OpenRectification = input.Verdict == SpotCheckVerdict.NotGiven || input.Attitude <= 2 || input.Outcome == Outcome.NotSolved;
        if (input.OpenRectification)
        {
            input.RectificationIssue = Issues[plan.Next(Issues.Length)];
            input.RectificationDueOn = DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(stage.Now)).AddDays(plan.Next(10, 21));
        }

        var worked = await stage.Run<SpotChecksHandler, Result<SpotCheckRow>>(inspector, h => h.Work(check.Id, input, null, cancellationToken));
        if (worked.IsOk && worked.Value.RectificationId is { } rectification)
        {
            // The station answers within the due date mostly, a few days late sometimes (the overdue alert goes out first).
            var days = plan.NextDouble() < 0.85 ? plan.Next(3, 10) : plan.Next(22, 28);
            var manager = _managers.GetValueOrDefault(check.StationId) ?? "admin";
            stage.At(stage.Now.AddDays(days).AddHours(plan.Next(-2, 3)), "rectification answer",
                ct => AnswerAsync(stage, rectification, manager, plan, rounds: 0, ct));
        }

        return worked.Error;
    }

    private static async Task<AppError?> AnswerAsync(YearStage stage, Guid id, string manager, Random plan, int rounds, CancellationToken cancellationToken)
    {
        var answered = await stage.Run<RectificationsHandler, Result<bool>>(await stage.Account(manager), h => h.Answer(id,
            new RectificationAnswerInput { Text = Answers[plan.Next(Answers.Length)] }, null, cancellationToken));
        if (answered.IsOk)
        {
            stage.At(stage.Now.AddDays(plan.Next(1, 5)).AddHours(plan.Next(0, 4)), "rectification review",
                ct => ReviewAsync(stage, id, manager, plan, rounds, ct));
        }

        return answered.Error;
    }

    private static async Task<AppError?> ReviewAsync(YearStage stage, Guid id, string manager, Random plan, int rounds, CancellationToken cancellationToken)
    {
        ClaimsPrincipal inspector = await stage.Account(Inspector);
        var close = rounds > 0 || plan.NextDouble() < 0.8;
        var today = DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(stage.Now));
        var reviewed = await stage.Run<RectificationsHandler, Result<bool>>(inspector, h => h.Review(id, close
            ? new RectificationReviewInput { Accept = true, Note = "复查属实，同意销号" }
            : new RectificationReviewInput { Accept = false, Note = "整改佐证不足，请补充现场照片并再次回访", DueOn = today.AddDays(7) }, cancellationToken));
        if (reviewed.IsOk && !close)
        {
            stage.At(stage.Now.AddDays(plan.Next(2, 6)), "rectification answer", ct => AnswerAsync(stage, id, manager, plan, rounds + 1, ct));
        }

        return reviewed.Error;
    }
}
