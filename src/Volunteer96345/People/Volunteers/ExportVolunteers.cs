using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Text;

namespace Volunteer96345.People.Volunteers;

/// <summary>
/// The registry as an Excel sheet, in the caller's language: ID numbers always masked, mobiles masked unless the caller
/// may see them (<see cref="DataExportLog.SeesContacts"/>); every export is recorded, with its audit row, before it leaves.
/// </summary>
internal sealed class VolunteerExport(SearchVolunteersHandler search, DataExportLog exports, IStringLocalizer<SharedResource> localizer)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<byte[]> Write(VolunteerFilter filter, CancellationToken cancellationToken)
    {
        var rows = await search.All(filter, cancellationToken);
        var full = exports.SeesContacts;
        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            [localizer["Field.number"]] = r.Number,
            [localizer["Field.realName"]] = r.RealName,
            [localizer["Field.gender"]] = localizer["Gender." + r.Gender].Value,
            [localizer["Volunteer.Age"]] = r.Age,
            [localizer["Field.idNumber"]] = r.IdNumberMasked,
            [localizer["Field.mobile"]] = full ? r.Mobile : ChinesePhone.Mask(r.Mobile),
            [localizer["Field.village"]] = r.Village,
            [localizer["Field.stationId"]] = r.StationName,
            [localizer["Field.politicalStatus"]] = localizer["PoliticalStatus." + r.PoliticalStatus].Value,
            [localizer["Field.partyOrganizationId"]] = r.PartyOrganizationName,
            [localizer["Field.memberCategory"]] = r.MemberCategory is { } category ? localizer["PartyMemberCategory." + category].Value : null,
            [localizer["Field.status"]] = localizer["VolunteerStatus." + r.Status].Value,
            [localizer["Field.skills"]] = string.Join("、", r.Skills),
        }).ToList();
        var file = await Spreadsheet.WriteAsync(sheet, localizer["Nav.Volunteers"], cancellationToken);
        await exports.Record(DataExportKinds.Volunteers, rows.Count, masked: !full, filter with { Page = null, PageSize = null }, cancellationToken);
        return file;
    }
}
