using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders;

/// <summary>Arranging steps shared by the work-order tests.</summary>
internal static class WorkOrderSteps
{
    public const string Dispatcher = "dispatcher";

    /// <summary>A hotline call for 水电维修 at an address in 城郊村, with the item's required question answered.</summary>
    public static object Call(string phone = "13905730001", string item = "LA-001", string description = "厨房水管爆裂，水漫到客厅", string? village = "城郊村") => new
    {
        serviceCode = item,
        description,
        address = "城郊村5组17号",
        village,
        callerName = "王阿姨",
        callerPhone = phone,
        answers = item == "LA-001" ? new Dictionary<string, string> { ["fault"] = "water" } : null,
    };

    public static async Task<JsonElement> Receive(this HttpClient client, object call)
    {
        var response = await client.PostAsJsonAsync("/api/v1/work-orders", call, TestData.ApiJson);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    public static async Task<JsonElement> Order(this HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/work-orders/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    public static Task<WorkOrder> Load(this AppFixture app, Guid id) =>
        app.Db(db => db.WorkOrders.AsNoTracking().SingleAsync(o => o.Id == id));
}
