using System.Net;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders.GiveFeedback;

/// <summary>The resident's single-use feedback link: it closes the order once; a used or wrong link changes nothing.</summary>
[Trait("Category", "Integration")]
public sealed class FeedbackTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> Rating(int stars, string outcome = "Solved", string attitude = "Good") => new()
    {
        ["Form.Satisfaction"] = stars.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Form.Attitude"] = attitude,
        ["Form.Outcome"] = outcome,
        ["Form.Comment"] = "师傅很负责",
    };

    [Fact]
    public async Task Feedback_with_the_right_token_closes_the_order_once_and_a_second_use_or_a_wrong_token_changes_nothing()
    {
        var (id, code, token) = await app.Resolved("13905732001");
        var resident = app.CreateClient();

        var first = await resident.PostForm($"/m/feedback/{code}?t={token}", "feedback", Rating(5));

        Assert.Contains("感谢您的评价", await first.Text(), StringComparison.Ordinal);
        var order = await app.Load(id);
        Assert.Equal(WorkOrderStatus.Closed, order.Status);
        Assert.Null(order.FeedbackTokenHash);
        Assert.Contains(order.Events, e => e.Kind == WorkOrderEventKind.Feedback);
        Assert.Equal(5, await app.Db(db => db.Feedback.Where(f => f.WorkOrderId == id).Select(f => f.Satisfaction).SingleAsync()));
        Assert.Equal(0, await app.Db(db => db.Callbacks.CountAsync(c => c.WorkOrderId == id && c.Reason == CallbackReason.LowRating)));

        var before = await app.Counts();
        var fingerprint = await app.Fingerprint();
        var reused = await resident.GetAsync($"/m/feedback/{code}?t={token}");
        var reusedPost = await resident.PostAsync($"/m/feedback/{code}?t={token}", new FormUrlEncodedContent(Rating(1)));
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        Assert.Contains("链接已失效", await reused.Text(), StringComparison.Ordinal);
        Assert.True((int)reusedPost.StatusCode >= 400);
        Assert.Equal(before, await app.Counts());
        Assert.Equal(fingerprint, await app.Fingerprint());
    }

    [Fact]
    public async Task A_wrong_token_shows_the_expired_link_page_and_leaves_the_order_resolved()
    {
        var (id, code, token) = await app.Resolved("13905732002");
        var resident = app.CreateClient();
        var before = await app.Counts();

        var wrong = await resident.GetAsync($"/m/feedback/{code}?t={new string('0', token.Length)}");
        var missing = await resident.GetAsync($"/m/feedback/{code}");

        Assert.Equal(HttpStatusCode.Gone, wrong.StatusCode);
        Assert.Contains("链接已失效", await wrong.Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, missing.StatusCode);
        Assert.Equal(WorkOrderStatus.Resolved, (await app.Load(id)).Status);
        Assert.Equal(before, await app.Counts());
    }

    [Fact]
    public async Task A_low_rating_closes_the_order_and_queues_a_call_back()
    {
        var (id, code, token) = await app.Resolved("13905732003");

        var response = await app.CreateClient().PostForm($"/m/feedback/{code}?t={token}", "feedback", Rating(2, "NotSolved"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WorkOrderStatus.Closed, (await app.Load(id)).Status);
        Assert.Equal(1, await app.Db(db => db.Callbacks.CountAsync(c => c.WorkOrderId == id && c.Reason == CallbackReason.LowRating)));
    }

    [Theory]
    [InlineData("Form.Satisfaction", "9")]
    [InlineData("Form.Outcome", "Maybe")]
    [InlineData("Form.Satisfaction", "")]
    public async Task Bad_feedback_is_refused_beside_the_field_and_keeps_the_link_usable(string field, string value)
    {
        var (id, code, token) = await app.Resolved("1390573202" + ((field.Length + value.Length) % 10));
        var form = Rating(4);
        form[field] = value;
        var before = await app.Counts();

        var response = await app.CreateClient().PostForm($"/m/feedback/{code}?t={token}", "feedback", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(WorkOrderStatus.Resolved, (await app.Load(id)).Status);
        Assert.Equal(before, await app.Counts());
    }
}
