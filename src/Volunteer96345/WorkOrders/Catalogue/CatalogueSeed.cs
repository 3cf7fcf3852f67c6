using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.WorkOrders.Catalogue;

/// <summary>
/// Fills an empty catalogue with <see cref="CatalogueData"/> (the demo and a fresh town alike start from it), adding
/// any skill it names that the registry does not have yet. A catalogue that has items is the admins' and is left alone.
/// </summary>
internal static class CatalogueSeed
{
    public static async Task RunAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.ServiceItems.AnyAsync(cancellationToken))
        {
            return;
        }

        var skills = await db.Skills.ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        foreach (var local in db.Skills.Local)
        {
            skills.TryAdd(local.Name, local.Id);
        }

        foreach (var name in CatalogueData.Items.SelectMany(i => i.Skills).Distinct().Where(n => !skills.ContainsKey(n)))
        {
            var skill = Skill.Define(name, "服务项目");
            db.Skills.Add(skill);
            skills[name] = skill.Id;
        }

        foreach (var entry in CatalogueData.Items)
        {
            db.ServiceItems.Add(ServiceItem.Define(entry.Code, entry.Name, entry.Category, entry.Description,
                new ServiceTerms(entry.OnSite, entry.Responder, entry.AcceptMinutes, entry.ArriveMinutes, entry.ResolveMinutes, entry.Points),
                entry.Skills.Select(s => skills[s]), entry.Questions, now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
