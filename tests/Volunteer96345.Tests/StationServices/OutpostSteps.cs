using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Time;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.StationServices.Outposts;

namespace Volunteer96345.Tests.StationServices;

/// <summary>Arranging an outpost's duty: the demo volunteer is put on the roster around the fake clock's present.</summary>
internal static class OutpostSteps
{
    public const string Volunteer = "volunteer";

    /// <summary>The open-every-day 红立方 outposts, by name, so that two tests can take two different ones.</summary>
    public static Task<List<Station>> RedCubes(this AppFixture app) =>
        app.Db(db => db.Stations.IgnoreQueryFilters().AsNoTracking().Where(s => s.Kind == StationKind.Outpost && s.OutpostKind == OutpostKind.RedCube)
            .OrderBy(s => s.Name).ToListAsync());

    public static Task<Guid> VolunteerId(this AppFixture app) =>
        app.Db(db => db.Users.Where(u => u.UserName == Volunteer).Select(u => u.VolunteerId!.Value).SingleAsync());

    /// <summary>Puts the demo volunteer on duty at the outpost from an hour ago to two hours on, town time.</summary>
    public static async Task OnDuty(this AppFixture app, Guid outpostId)
    {
        var volunteer = await app.VolunteerId();
        var local = Shanghai.ToLocal(app.Clock.GetUtcNow().UtcDateTime);
        var start = local.AddHours(-1);
        var end = local.AddHours(2);
        await app.Db(async db =>
        {
            db.DutyShifts.Add(DutyShift.Plan(outpostId, DateOnly.FromDateTime(start), TimeOnly.FromDateTime(start), TimeOnly.FromDateTime(end), volunteer,
                app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
    }

    public static async Task<ItemStored> Store(this AppFixture app, Guid outpostId, string description = "黑色双肩包")
    {
        var stored = await app.As<OutpostLogHandler, Result<ItemStored>>(Volunteer,
            h => h.Store(outpostId, new StoreItemInput { Description = description, OwnerPhone = "139 0573 0002" }, null, CancellationToken.None));
        Assert.True(stored.IsOk, stored.Error?.Message);
        return stored.Value;
    }

    public static Task<Result<StoredItemRow>> ClaimAs(this AppFixture app, Guid outpostId, string? code) =>
        app.As<OutpostLogHandler, Result<StoredItemRow>>(Volunteer, h => h.Claim(outpostId, new ClaimInput { Code = code }, CancellationToken.None));
}
