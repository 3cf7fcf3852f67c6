using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Text;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;

namespace Volunteer96345.Activities.Notices;

internal sealed record Notice(Guid Id, string Title, string TypeName, string OrganizerName, DateTime StartsAt, DateTime EndsAt, string Place, int Quota, string Description);

/// <summary>An activity held, as the public sees it afterwards: its summary and photos, no participants.</summary>
internal sealed record Recap(Guid Id, string Title, string TypeName, string OrganizerName, DateTime StartsAt, string Place, string? Summary, IReadOnlyList<Guid> PhotoIds);

/// <summary>
/// 活动预告 for new media (三微一端): the upcoming activities of the next 60 days as a public page, an RSS 2.0 feed and a
/// JSON Feed 1.1, which WeChat articles and other sites link to. Public by design: titles, times, places and organisers only.
/// </summary>
internal sealed class NoticesHandler(AppDbContext db, TimeProvider clock)
{
    public const int Days = 60;

    public async Task<List<Notice>> Upcoming(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddDays(Days);
        return await db.Set<Activity>().AcrossStations("notices go to volunteers of every station").AsNoTracking().Where(a => a.EndsAt > now && a.StartsAt < until).OrderBy(a => a.StartsAt).Take(200)
            .Join(db.Set<ActivityType>(), a => a.TypeId, t => t.Id, (a, t) => new Notice(a.Id, a.Title, t.Name, a.OrganizerName, a.StartsAt, a.EndsAt, a.Place, a.Quota, a.Description))
            .ToListAsync(cancellationToken);
    }

    /// <summary>活动回顾: the activities of the last <see cref="Days"/> days whose organiser has written a summary or added photos, latest first.</summary>
    public async Task<List<Recap>> Recent(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-Days);
        var held = await db.Set<Activity>().AcrossStations("notices go to volunteers of every station").AsNoTracking().Where(a => a.StartsAt <= now && a.StartsAt > since).OrderByDescending(a => a.StartsAt).Take(500)
            .Join(db.Set<ActivityType>(), a => a.TypeId, t => t.Id, (a, t) => new { a, t.Name })
            .ToListAsync(cancellationToken);
        return
        [
            .. held.Where(x => x.a.Summary is not null || x.a.PhotoIds.Count > 0).Take(50)
                .Select(x => new Recap(x.a.Id, x.a.Title, x.Name, x.a.OrganizerName, x.a.StartsAt, x.a.Place, x.a.Summary, x.a.PhotoIds)),
        ];
    }

    public async Task<string> Rss(string baseUri, string title, CancellationToken cancellationToken)
    {
        var notices = await Upcoming(cancellationToken);
        var channel = new XElement("channel",
            new XElement("title", SafeText.ForXml(title)),
            new XElement("link", baseUri + "activities/notices"),
            new XElement("description", SafeText.ForXml(title)),
            new XElement("language", "zh-CN"),
            notices.Select(n => new XElement("item",
                new XElement("title", SafeText.ForXml(n.Title)),
                new XElement("link", baseUri + "activities/notices#" + n.Id.ToString("N")),
                new XElement("guid", new XAttribute("isPermaLink", "false"), n.Id.ToString("N")),
                new XElement("pubDate", n.StartsAt.ToString("r", CultureInfo.InvariantCulture)),
                new XElement("description", SafeText.ForXml($"{Shanghai.Format(n.StartsAt)} {n.Place} · {n.OrganizerName} · {n.Description}")))));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("rss", new XAttribute("version", "2.0"), channel));
        return document.Declaration + "\n" + document.Root;
    }

    public async Task<object> Json(string baseUri, string title, CancellationToken cancellationToken)
    {
        var notices = await Upcoming(cancellationToken);
        return new Dictionary<string, object>
        {
            ["version"] = "https://jsonfeed.org/version/1.1",
            ["title"] = title,
            ["home_page_url"] = baseUri + "activities/notices",
            ["feed_url"] = baseUri + "activities/notices.json",
            ["language"] = "zh-CN",
            ["items"] = notices.Select(n => new Dictionary<string, object>
            {
                ["id"] = n.Id.ToString("N"),
                ["url"] = baseUri + "activities/notices#" + n.Id.ToString("N"),
                ["title"] = n.Title,
                ["content_text"] = $"{Shanghai.Format(n.StartsAt)} {n.Place} · {n.OrganizerName} · {n.Description}",
                ["date_published"] = n.StartsAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["tags"] = new[] { n.TypeName },
            }).ToList(),
        };
    }
}
