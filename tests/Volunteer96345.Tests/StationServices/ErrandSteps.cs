using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Network;
using Volunteer96345.StationServices;
using Volunteer96345.StationServices.ProgressErrand;
using Volunteer96345.StationServices.RequestErrand;

namespace Volunteer96345.Tests.StationServices;

/// <summary>Arranging errands the way a point's staff would: the 城郊村 manager receives them at the 城郊村 point.</summary>
internal static class ErrandSteps
{
    public const string Manager = "manager.chengjiao";
    public const string OtherManager = "manager.taoyuan";
    public const string Admin = "admin";

    /// <summary>A real PNG data URL, as the canvas posts it.</summary>
    public static string SignaturePng() => Volunteer96345.Common.Web.QrImage.PngDataUri("陈阿婆");

    public static Task<Guid> PointOf(this AppFixture app, string village) =>
        app.Db(db => db.Stations.Where(s => s.Kind == StationKind.ServicePoint && s.Village == village).Select(s => s.Id).SingleAsync());

    public static Task<ErrandType> TypeNamed(this AppFixture app, string name) =>
        app.Db(db => db.Set<ErrandType>().AsNoTracking().SingleAsync(t => t.Name == name));

    public static async Task<RequestErrandInput> Input(this AppFixture app, string type = "高龄津贴申领", int leaveOut = 0)
    {
        var errandType = await app.TypeNamed(type);
        return new RequestErrandInput
        {
            ErrandTypeId = errandType.Id,
            StationId = await app.PointOf("城郊村"),
            ResidentName = "陈阿婆",
            ResidentPhone = "13905730001",
            ReceivedDocuments = [.. errandType.Documents.Take(errandType.Documents.Count - leaveOut)],
            Note = "行动不便，由孙子陪同",
        };
    }

    public static async Task<ErrandReceived> Receive(this AppFixture app, string type = "高龄津贴申领", int leaveOut = 0)
    {
        var input = await app.Input(type, leaveOut);
        var result = await app.As<RequestErrandHandler, Result<ErrandReceived>>(Manager, h => h.Request(input, CancellationToken.None));
        Assert.True(result.IsOk, result.Error?.Message);
        return result.Value;
    }

    public static Task<Result<int>> Step(this AppFixture app, Func<ProgressErrandHandler, Task<Result<int>>> step, string user = Manager) =>
        app.As<ProgressErrandHandler, Result<int>>(user, step);

    public static async Task Submitted(this AppFixture app, Guid id)
    {
        var today = DateOnly.FromDateTime(Volunteer96345.Common.Time.Shanghai.ToLocal(app.Clock.GetUtcNow().UtcDateTime));
        var result = await app.Step(h => h.Submit(id, new SubmitInput { OfficeName = "镇民政办", SubmittedOn = today, OfficeHandler = "王科员" }, CancellationToken.None));
        Assert.True(result.IsOk, result.Error?.Message);
    }

    public static async Task Answered(this AppFixture app, Guid id, ErrandStatus answer, string? reason = null)
    {
        var result = await app.Step(h => h.Answer(id, new AnswerInput { Answer = answer, Reason = reason }, CancellationToken.None));
        Assert.True(result.IsOk, result.Error?.Message);
    }

    public static Task<ProxyErrand> Errand(this AppFixture app, Guid id) =>
        app.Db(db => db.Set<ProxyErrand>().AsNoTracking().SingleAsync(e => e.Id == id));
}
