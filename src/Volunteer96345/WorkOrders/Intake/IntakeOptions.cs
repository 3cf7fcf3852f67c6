using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.WorkOrders.Intake;

public sealed record ItemOption(Guid Id, string Code, string Name, string NameInitials, ServiceCategory Category, bool OnSite,
    IReadOnlyList<ServiceQuestion> Questions);

public sealed record StationOption(Guid Id, string Name, string Village, StationKind Kind);

public sealed record IntakeOptions(IReadOnlyList<ItemOption> Items, IReadOnlyList<string> Villages, IReadOnlyList<StationOption> Stations);

/// <summary>What the intake form offers: the catalogue's live items with their questions, the villages of the service points and the stations the caller may choose.</summary>
internal sealed class IntakeOptionsHandler(AppDbContext db, CurrentUser user)
{
    public async Task<IntakeOptions> Get(CancellationToken cancellationToken)
    {
        var items = await db.ServiceItems.AsNoTracking().Where(s => !s.IsRetired).OrderBy(s => s.Code).ToListAsync(cancellationToken);
        var villages = await db.Stations.AcrossStations("every village can be chosen for a request").AsNoTracking().Where(s => s.IsActive && s.Kind == StationKind.ServicePoint)
            .OrderBy(s => s.Village).Select(s => s.Village).Distinct().ToListAsync(cancellationToken);
        var stations = await db.Stations.AsNoTracking().Where(s => s.IsActive && s.Kind != StationKind.Outpost).OrderBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new StationOption(s.Id, s.Name, s.Village, s.Kind)).ToListAsync(cancellationToken);
        return new IntakeOptions(
            [.. items.Select(i => new ItemOption(i.Id, i.Code, i.Name, i.NameInitials, i.Category, i.OnSite, [.. i.Attributes.OrderBy(a => a.Order)]))],
            villages,
            [.. stations.Where(s => user.CanSee(s.Id))]);
    }

    /// <summary>Items whose name contains the text or whose pinyin initials start with it ("sdwx" finds 水电维修), best matches first.</summary>
    public static IEnumerable<ItemOption> Search(IEnumerable<ItemOption> items, string? text)
    {
        var q = text?.Trim() ?? "";
        if (q.Length == 0)
        {
            return items;
        }

        return items.Select(i => (Item: i, Score:
                i.NameInitials.StartsWith(q, StringComparison.OrdinalIgnoreCase) ? 0 :
                i.Name.StartsWith(q, StringComparison.Ordinal) ? 1 :
                i.Name.Contains(q, StringComparison.Ordinal) ? 2 :
                i.NameInitials.Contains(q, StringComparison.OrdinalIgnoreCase) ? 3 :
                i.Code.StartsWith(q, StringComparison.OrdinalIgnoreCase) ? 4 : -1))
            .Where(x => x.Score >= 0).OrderBy(x => x.Score).ThenBy(x => x.Item.Name.Length).Select(x => x.Item);
    }
}
