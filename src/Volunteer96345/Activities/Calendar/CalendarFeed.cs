using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Text;
using Volunteer96345.Data;

namespace Volunteer96345.Activities.Calendar;

/// <summary>
/// A volunteer's activities as an iCalendar feed (RFC 5545) that a phone's calendar subscribes to without signing in.
/// The URL carries the volunteer's id and a keyed hash of it: whoever holds the URL sees that volunteer's activity
/// titles, times and places, nothing else, and a guessed or altered URL gets 404.
/// </summary>
internal sealed class CalendarFeedHandler(AppDbContext db, FieldProtector protector)
{
    public string Token(Guid volunteerId) => protector.Hash("activity-calendar:" + volunteerId.ToString("N"))[..32];

    public string Path(Guid volunteerId) => $"activities/calendar/{volunteerId:N}/{Token(volunteerId)}.ics";

    public async Task<string?> Feed(Guid volunteerId, string? token, CancellationToken cancellationToken)
    {
        if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Token(volunteerId)), Encoding.ASCII.GetBytes(token)))
        {
            return null;
        }

        var activities = await db.Set<SignUp>().AcrossStations("a volunteer's own calendar, at any station").AsNoTracking()
            .Where(s => s.VolunteerId == volunteerId && s.Status != SignUpStatus.Cancelled)
            .Join(db.Set<Activity>().AcrossStations("a volunteer's own calendar, at any station"), s => s.ActivityId, a => a.Id, (s, a) => new { a.Id, a.Title, a.Place, a.StartsAt, a.EndsAt, a.OrganizerName, a.CreatedAt, s.Status })
            .OrderBy(a => a.StartsAt).ToListAsync(cancellationToken);
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//Yanguan 96345//Activities//ZH");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "X-WR-CALNAME:" + Escape("96345志愿活动"));
        foreach (var a in activities)
        {
            Line(ics, "BEGIN:VEVENT");
            Line(ics, $"UID:{a.Id:N}@v96345");
            Line(ics, "DTSTAMP:" + Stamp(a.CreatedAt));
            Line(ics, "DTSTART:" + Stamp(a.StartsAt));
            Line(ics, "DTEND:" + Stamp(a.EndsAt));
            Line(ics, "SUMMARY:" + Escape(a.Status == SignUpStatus.WaitListed ? "（候补）" + a.Title : a.Title));
            Line(ics, "LOCATION:" + Escape(a.Place));
            Line(ics, "DESCRIPTION:" + Escape(a.OrganizerName));
            Line(ics, "END:VEVENT");
        }

        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 TEXT: no control character but tab, line breaks as <c>\n</c> (a bare CR too), <c>\ ; ,</c> escaped.</summary>
    private static string Escape(string text) =>
        SafeText.ForXml(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            .Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character).</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var bytes = 0;
        var start = 0;
        var i = 0;
        while (i < line.Length)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (bytes + size > 75)
            {
                ics.Append(line, start, i - start).Append("\r\n ");
                start = i;
                bytes = 1;
            }

            bytes += size;
            i += width;
        }

        ics.Append(line, start, line.Length - start).Append("\r\n");
    }
}
