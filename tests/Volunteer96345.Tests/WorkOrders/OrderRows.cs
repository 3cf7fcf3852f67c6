using Microsoft.EntityFrameworkCore;
using Volunteer96345.Integration;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders;

/// <summary>What a refused request to a work-order or catalogue endpoint must leave as it was, beside <see cref="AppFixture.Fingerprint"/>.</summary>
internal static class OrderRows
{
    public static async Task<string> Snapshot(this AppFixture app)
    {
        var fingerprint = await app.Fingerprint();
        return await app.Db(async db =>
        {
            var items = await db.ServiceItems.AsNoTracking().OrderBy(s => s.Code).ToListAsync();
            var catalogue = string.Join(',', items.Select(s => s.Code + s.Name + s.Category + s.Description + s.OnSite + s.Responder + s.AcceptMinutes
                + s.ArriveMinutes + s.ResolveMinutes + s.Points + s.IsRetired + string.Join(';', s.RequiredSkillIds)
                + string.Join(';', s.Attributes.Select(a => a.Code + a.Datatype + a.Required + a.Description + a.Order + string.Join('/', a.Values.Select(v => v.Key + v.Name))))));
            return string.Join('|',
                fingerprint,
                items.Count,
                catalogue.GetHashCode(StringComparison.Ordinal),
                await db.WorkOrders.IgnoreQueryFilters().CountAsync(),
                await db.SlaTimers.IgnoreQueryFilters().CountAsync(),
                await db.Outbox.CountAsync(),
                await db.ApiClients.CountAsync());
        });
    }
}
