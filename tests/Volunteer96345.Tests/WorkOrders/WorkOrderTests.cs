using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders;

/// <summary>The order's milestones as methods on the entity: what each allows, and what the clock does.</summary>
public sealed class WorkOrderTests
{
    private static readonly DateTime T0 = new(2026, 11, 29, 2, 0, 0, DateTimeKind.Utc);

    internal static ServiceItem Item(bool onSite = true, int accept = 10, int? arrive = 30, int resolve = 120) =>
        ServiceItem.Define("LA-900", "水电维修", ServiceCategory.LifeAssistance, null,
            new ServiceTerms(onSite, ResponderKind.Volunteer, accept, arrive, resolve, 10), [], [], T0);

    internal static WorkOrder Order(ServiceItem? item = null, DateTime? receivedAt = null) =>
        WorkOrder.Receive(new IntakeDetails(IntakeChannel.Hotline, null, null, "水管爆裂", "城郊村5组", "城郊村", null, null, "王阿姨", "cipher", "hash",
            "139****0001", null, []), item ?? Item(), Guid.NewGuid(), receivedAt ?? T0, "dispatcher", receivedAt ?? T0);

    private static WorkOrder Offered(out Offer first, out Offer second, ServiceItem? item = null)
    {
        var order = Order(item);
        order.Rank([Candidate("甲"), Candidate("乙"), Candidate("丙"), Candidate("丁")], T0);
        var offers = order.OfferNext(2, "dispatcher", T0);
        first = offers[0];
        second = offers[1];
        return order;
    }

    private static Offer Candidate(string name) => new() { Kind = ResponderKind.Volunteer, CandidateId = Guid.NewGuid(), CandidateName = name };

    [Fact]
    public void Every_deadline_runs_from_the_time_received_not_from_when_the_order_was_entered()
    {
        var cityDispatch = T0.AddMinutes(-4);
        var order = WorkOrder.Receive(new IntakeDetails(IntakeChannel.CityPlatform, null, "C-1", "求助", "城郊村", null, null, null, null, "c", "h", "m",
            null, []), Item(), Guid.NewGuid(), cityDispatch, "city", T0);

        Assert.Equal(cityDispatch.AddMinutes(10), order.AcceptDue);
        Assert.Equal(cityDispatch.AddMinutes(30), order.ArriveDue);
        Assert.Equal(cityDispatch.AddMinutes(120), order.ResolveDue);
        var timers = order.ScheduleTimers().ToList();
        Assert.Equal([SlaTimerKind.AcceptDeadline, SlaTimerKind.ArrivalWarning, SlaTimerKind.ArrivalBreach, SlaTimerKind.ResolveDeadline],
            timers.Select(t => t.Kind));
        Assert.Equal(cityDispatch.AddMinutes(20), timers.Single(t => t.Kind == SlaTimerKind.ArrivalWarning).DueAt);
    }

    [Fact]
    public void A_remote_item_has_no_arrival_deadline_and_cannot_be_arrived_at()
    {
        var order = Order(Item(onSite: false, arrive: null));
        order.Rank([Candidate("甲")], T0);
        var offer = order.OfferNext(3, null, T0).Single();

        Assert.Null(order.ArriveDue);
        Assert.DoesNotContain(order.ScheduleTimers(), t => t.Kind is SlaTimerKind.ArrivalBreach or SlaTimerKind.ArrivalWarning);
        Assert.True(order.Accept(offer.Id, offer.CandidateId, null, T0.AddMinutes(1)));
        Assert.False(order.StartTravel(null, T0.AddMinutes(2)));
        Assert.False(order.Arrive(null, null, null, null, T0.AddMinutes(2)));
        Assert.NotNull(order.Resolve("电话答复了医保报销流程", [], null, T0.AddMinutes(5)));
    }

    [Fact]
    public void The_first_accept_wins_and_withdraws_the_other_offers_of_the_round()
    {
        var order = Offered(out var first, out var second);

        Assert.True(order.Accept(second.Id, second.CandidateId, "乙", T0.AddMinutes(2)));
        Assert.False(order.Accept(first.Id, first.CandidateId, "甲", T0.AddMinutes(2)));

        Assert.Equal(WorkOrderStatus.Accepted, order.Status);
        Assert.Equal(second.CandidateId, order.ResponderVolunteerId);
        Assert.Equal(OfferStatus.Withdrawn, first.Status);
        Assert.Equal(OfferStatus.Accepted, second.Status);
        Assert.Single(order.Events, e => e.Kind == WorkOrderEventKind.Accepted);
    }

    [Fact]
    public void An_on_site_order_is_resolved_only_after_arrival_and_the_feedback_token_works_once()
    {
        var order = Offered(out var first, out _);
        order.Accept(first.Id, first.CandidateId, null, T0.AddMinutes(3));
        Assert.Null(order.Resolve("修好了", [], null, T0.AddMinutes(4)));
        Assert.True(order.StartTravel(null, T0.AddMinutes(4)));
        var phoneTime = T0.AddMinutes(-50);
        Assert.True(order.Arrive(phoneTime, 30.41, 120.55, null, T0.AddMinutes(18)));

        var token = order.Resolve("更换了三通阀门", [], null, T0.AddMinutes(40));

        Assert.NotNull(token);
        Assert.Equal(T0.AddMinutes(18), order.ArrivedAt);
        Assert.Equal(phoneTime, order.ArrivalPhoneTime);
        Assert.False(order.RedeemFeedbackToken((token[0] == '0' ? "1" : "0") + token[1..]));
        Assert.True(order.RedeemFeedbackToken(token));
        Assert.True(order.Close("resident", null, T0.AddHours(2)));
        Assert.False(order.RedeemFeedbackToken(token));
        Assert.False(order.Close("resident", null, T0.AddHours(3)));
    }

    [Fact]
    public void A_timer_fires_with_effect_only_while_its_milestone_is_unmet_and_only_for_its_own_round()
    {
        var order = Offered(out var first, out _);
        var timers = order.ScheduleTimers().ToDictionary(t => t.Kind);
        order.Accept(first.Id, first.CandidateId, null, T0.AddMinutes(5));

        Assert.Null(order.Escalate(timers[SlaTimerKind.AcceptDeadline], T0.AddMinutes(10)));
        Assert.Equal(WorkOrderEventKind.ArrivalWarning, order.Escalate(timers[SlaTimerKind.ArrivalWarning], T0.AddMinutes(20)));
        Assert.Equal(WorkOrderEventKind.ArrivalBreach, order.Escalate(timers[SlaTimerKind.ArrivalBreach], T0.AddMinutes(30)));
        Assert.True(order.ArrivalBreached);

        order.Arrive(null, null, null, null, T0.AddMinutes(35));
        order.Resolve("好了", [], null, T0.AddMinutes(50));
        Assert.True(order.Reopen(Item(), "回访：仍在漏水", "callback", T0.AddHours(3)));
        Assert.Null(order.Escalate(timers[SlaTimerKind.ResolveDeadline], T0.AddHours(3)));
    }

    [Fact]
    public void A_reopened_order_keeps_its_history_and_starts_a_new_round_of_deadlines()
    {
        var order = Offered(out var first, out _);
        order.Accept(first.Id, first.CandidateId, null, T0.AddMinutes(5));
        order.Arrive(null, null, null, null, T0.AddMinutes(20));
        order.Resolve("好了", [], null, T0.AddMinutes(50));
        var before = order.Events.Count;

        Assert.True(order.Reopen(Item(), "回访：仍在漏水", "callback", T0.AddDays(1)));

        Assert.Equal(WorkOrderStatus.Received, order.Status);
        Assert.Equal(T0.AddDays(1).AddMinutes(30), order.ArriveDue);
        Assert.Null(order.ResponderVolunteerId);
        Assert.Equal(1, order.Reopens);
        Assert.Equal(before + 1, order.Events.Count);
        Assert.All(order.ScheduleTimers(), t => Assert.Equal(1, t.Round));
        Assert.Contains(order.Events, e => e.Kind == WorkOrderEventKind.Arrived);
    }

    [Fact]
    public void A_bounce_withdraws_the_offers_but_never_moves_the_deadlines()
    {
        var order = Offered(out var first, out _);
        var due = (order.AcceptDue, order.ArriveDue);

        Assert.True(order.Bounce("本村无水电维修志愿者", "manager", T0.AddMinutes(6)));
        Assert.False(order.Bounce("again", "manager", T0.AddMinutes(6)));
        Assert.False(order.Accept(first.Id, first.CandidateId, null, T0.AddMinutes(7)));
        Assert.True(order.Reroute(Guid.NewGuid(), "桃园村服务点", "dispatcher", T0.AddMinutes(8)));

        Assert.Equal(due, (order.AcceptDue, order.ArriveDue));
        Assert.False(order.AwaitingTown);
    }

    [Fact]
    public void A_decline_leaves_the_other_offers_open_and_records_the_reason()
    {
        var order = Offered(out var first, out var second);

        Assert.True(order.Decline(first.Id, "正在外地", "甲", T0.AddMinutes(1)));
        Assert.False(order.Decline(first.Id, "again", "甲", T0.AddMinutes(1)));

        Assert.True(order.HasOpenOffers);
        Assert.Equal("正在外地", first.DeclineReason);
        Assert.Equal(OfferStatus.Open, second.Status);
        Assert.Equal(2, order.OfferNext(3, null, T0.AddMinutes(3)).Count);
    }
}
