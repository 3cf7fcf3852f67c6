using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.People.CareRecipients;
using Volunteer96345.People.Volunteers;

namespace Volunteer96345.Tests;

/// <summary>Stations of the demo that tests refer to by role: one in the Chengjiao manager's scope and one outside it.</summary>
internal static class TestData
{
    public const string Admin = "admin";
    public const string Chengjiao = "manager.chengjiao";
    public const string Taoyuan = "manager.taoyuan";
    public const string SubStationManager = "manager.substation";
    public const string Inspector = "inspector";
    public const string Dispatcher = "dispatcher";

    /// <summary>The demo accounts' display names: how histories, receipts and the audit log name each person.</summary>
    public static readonly IReadOnlyDictionary<string, string> DisplayNames = new Dictionary<string, string>
    {
        ["admin"] = "王建国",
        ["dispatcher"] = "李晓梅",
        ["inspector"] = "陈志强",
        ["manager.substation"] = "沈丽华",
        ["manager.chengjiao"] = "徐国平",
        ["manager.taoyuan"] = "朱红英",
        ["volunteer"] = "张伟",
        ["merchant"] = "周德明",
    };

    /// <summary>The display name of a demo account, named by its login.</summary>
    public static string NameOf(string userName) => DisplayNames[userName];

    /// <summary>How a browser sends the API's bodies: camelCase names, enums as their names.</summary>
    public static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static int _idSequence;

    public static Task<Guid> StationId(this AppFixture app, string name) =>
        app.Db(db => db.Stations.IgnoreQueryFilters().Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    public static Task<Guid> ChengjiaoPoint(this AppFixture app) => app.StationId("城郊村96345党员志愿服务点");

    public static Task<Guid> TaoyuanPoint(this AppFixture app) => app.StationId("桃园村96345党员志愿服务点");

    public static Task<Guid> SubStation(this AppFixture app) =>
        app.Db(db => db.Stations.IgnoreQueryFilters().Where(s => s.Kind == StationKind.SubStation).Select(s => s.Id).FirstAsync());

    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static object ValidStation(Guid parentId, string name = "测试驿站") => new
    {
        name,
        kind = "Outpost",
        outpostKind = "RedCube",
        parentId,
        village = "城郊村",
        address = "城郊村测试路1号",
        latitude = 30.41,
        longitude = 120.55,
        openingHours = "每日 8:00-18:00",
        phone = "0573-87609999",
        services = new[] { "物品寄存", "指路导航" },
    };

    /// <summary>
    /// A valid resident ID number (GB 11643) of Hangzhou's Shangcheng district (330102), so never one of the demo's
    /// (330481); each call gives another sequence number.
    /// </summary>
    public static string NewIdNumber(DateOnly born, bool male = true)
    {
        var sequence = (Interlocked.Increment(ref _idSequence) * 2 + (male ? 1 : 0)) % 1000;
        var first17 = $"330102{born:yyyyMMdd}{sequence:D3}";
        return first17 + ChineseId.CheckCharacter(first17);
    }

    /// <summary>A registration form that passes every check: an adult non-member, consent given, no skills or slots.</summary>
    public static VolunteerInput ValidVolunteer(Guid stationId, string idNumber, string realName = "欧阳志愿") => new()
    {
        RealName = realName,
        IdNumber = idNumber,
        Mobile = "13905731234",
        Address = "城郊村3组12号",
        Village = "城郊村",
        PoliticalStatus = PoliticalStatus.Masses,
        Channel = RecruitmentChannel.Public,
        StationId = stationId,
        Consent = true,
    };

    public static Task<HttpResponseMessage> PostVolunteer(this HttpClient client, VolunteerInput input) =>
        client.PostAsJsonAsync("/api/v1/volunteers", input, ApiJson);

    /// <summary>Registers through the API and returns the new volunteer's id; the response body is the message if it fails.</summary>
    public static async Task<Guid> RegisterVolunteer(this HttpClient client, VolunteerInput input)
    {
        var response = await client.PostVolunteer(input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    /// <summary>A care recipient form that passes every check: a disabled resident with every sensitive field filled.</summary>
    public static CareRecipientInput ValidCareRecipient(Guid stationId, string idNumber, string name = "上官阿婆") => new()
    {
        Name = name,
        IdNumber = idNumber,
        Category = CareCategory.Disabled,
        DisabilityType = DisabilityType.Physical,
        DisabilityLevel = 2,
        StationId = stationId,
        Village = "城郊村",
        Address = "城郊村7组28号东厢房",
        DisabilityNote = "右下肢截肢，出行依赖轮椅，" + name,
        HealthNote = "高血压三级，每日服药",
        LivingSituation = "独居，儿子在杭州工作",
        GuardianName = "上官建华",
        GuardianPhone = "13905739876",
        Contacts = "网格员 0573-87603001",
        Needs = ["助餐", "陪同就医"],
        Priority = CarePriority.High,
    };

    public static Task<HttpResponseMessage> PostCareRecipient(this HttpClient client, CareRecipientInput input) =>
        client.PostAsJsonAsync("/api/v1/care-recipients", input, ApiJson);

    /// <summary>Registers through the API and returns the new recipient's id; the response body is the message if it fails.</summary>
    public static async Task<Guid> RegisterCareRecipient(this HttpClient client, CareRecipientInput input)
    {
        var response = await client.PostCareRecipient(input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    /// <summary>An active party member of <paramref name="stationId"/>, registered through the API.</summary>
    public static async Task<Guid> RegisterPartyMember(this HttpClient client, AppFixture app, Guid stationId, string name = "党员结对")
    {
        var branch = await app.Db(db => db.PartyOrganizations.Where(p => p.StationId == stationId && p.Kind == PartyOrganizationKind.Branch)
            .OrderBy(p => p.Name).Select(p => p.Id).FirstAsync());
        var input = ValidVolunteer(stationId, NewIdNumber(new DateOnly(1975, 5, 5)), name);
        input.PoliticalStatus = PoliticalStatus.PartyMember;
        input.PartyOrganizationId = branch;
        return await client.RegisterVolunteer(input);
    }

    public static async Task<Guid> Pair(this HttpClient client, object input)
    {
        var response = await client.PostAsJsonAsync("/api/v1/pairings", input, ApiJson);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }
}
