using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Network;

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
}
