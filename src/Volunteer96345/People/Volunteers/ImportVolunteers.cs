using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.Volunteers;

public sealed record ImportRowError(int Row, string Column, string Message);

/// <remarks>
/// <see cref="Activations"/>: one slip per new volunteer's account, to print now (the codes are shown only once);
/// <see cref="AccountProblems"/>: the volunteers who got no account, with why (their mobile is another account's user name).
/// </remarks>
public sealed record ImportResult(int Rows, int Imported, int AlreadyRegistered, IReadOnlyList<ImportRowError> Errors, long Milliseconds,
    IReadOnlyList<Volunteer96345.Accounts.Activation.ActivationSlip>? Activations = null, IReadOnlyList<string>? AccountProblems = null)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Excel import of the volunteer registry. Every row is checked with the same rules as the form. A file with any
/// error imports nothing (all or nothing), so a corrected file can simply be imported again; rows whose ID number is
/// already registered are counted and skipped, so importing the same file twice creates no duplicates.
/// </summary>
internal sealed class ImportVolunteersHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, FieldProtector protector, Accounts.PersonAccounts accounts, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxRows = 20_000;

    /// <summary>Template columns, in order: the field key each maps to.</summary>
    public static readonly string[] Columns =
        ["realName", "idNumber", "mobile", "politicalStatus", "partyOrganizationId", "channel", "referredBy", "stationId", "village", "address", "skills",
         "guardianName", "guardianMobile", "consent"];

    public string Header(string field) => localizer[field == "stationId" ? "Field.homeStation" : "Field." + field];

    public byte[] Template()
    {
        var example = Columns.ToDictionary(Header, c => (object?)(c switch
        {
            "realName" => "张三",
            "idNumber" => "330481199001011234",
            "mobile" => "13800000000",
            "politicalStatus" => localizer["PoliticalStatus.PartyMember"].Value,
            "partyOrganizationId" => "中共城郊村第一支部委员会",
            "channel" => localizer["RecruitmentChannel.Organization"].Value,
            "stationId" => "城郊村96345党员志愿服务点",
            "village" => "城郊村",
            "address" => "城郊村5组12号",
            "skills" => "应急救护、驾驶",
            "consent" => localizer["Import.Yes"].Value,
            _ => "",
        }));
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { example });
        return stream.ToArray();
    }

    public async Task<Result<ImportResult>> Import(Stream file, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var watch = Stopwatch.StartNew();
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = [.. file.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take(MaxRows + 1)];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or NotSupportedException
                                  or ArgumentException or KeyNotFoundException or NullReferenceException or InvalidCastException)
        {
            return AppError.Invalid("file", localizer["Import.NotExcel"]);
        }

        var headers = rows.FirstOrDefault()?.Keys.ToHashSet() ?? [];
        var missing = Columns.Select(Header).Where(h => !headers.Contains(h)).ToList();
        if (rows.Count == 0)
        {
            return AppError.Invalid("file", localizer["Import.Empty"]);
        }

        if (missing.Count > 0)
        {
            return AppError.Invalid("file", localizer["Import.MissingColumns", string.Join("、", missing)]);
        }

        if (rows.Count > MaxRows)
        {
            return AppError.Invalid("file", localizer["Import.TooManyRows", MaxRows]);
        }

        var lookups = await Lookups.LoadAsync(db, localizer, cancellationToken);
        var existing = (await db.Volunteers.AcrossStations("volunteer numbers and identity numbers are unique in the town").Select(v => v.IdNumberHash).ToListAsync(cancellationToken)).ToHashSet();
        var rules = new VolunteerRules(localizer, Shanghai.Today(clock));
        var errors = new List<ImportRowError>();
        var accepted = new List<(VolunteerDetails Details, string IdNumber)>();
        var seen = new Dictionary<string, int>();
        var skipped = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var rowNumber = i + 2; // the header is row 1
            var input = lookups.ToInput(rows[i], Header, out var lookupErrors);
            var v = new Validation(localizer);
            foreach (var (field, message) in lookupErrors)
            {
                v.Add(field, message);
            }

            var idNumber = rules.Check(v, input, requireIdNumber: true);
            if (idNumber is not null)
            {
                var hash = protector.Hash(idNumber);
                if (seen.TryGetValue(hash, out var firstRow))
                {
                    v.Add("idNumber", localizer["Import.DuplicateInFile", firstRow]);
                }
                else
                {
                    seen[hash] = rowNumber;
                }

                if (v.IsValid && existing.Contains(hash))
                {
                    skipped++;
                    continue;
                }
            }

            if (v.IsValid)
            {
                accepted.Add((rules.ToDetails(input, idNumber, null), idNumber!));
            }
            else
            {
                errors.AddRange(v.ToError().Fields.SelectMany(f => f.Value.Select(m => new ImportRowError(rowNumber, ColumnOf(f.Key), m))));
            }

            if (i % 500 == 0)
            {
                progress?.Report(i * 50 / rows.Count);
            }
        }

        if (errors.Count > 0)
        {
            return new ImportResult(rows.Count, 0, skipped, errors, watch.ElapsedMilliseconds);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var number = await db.Volunteers.AcrossStations("volunteer numbers and identity numbers are unique in the town").MaxAsync(v => (string?)v.Number, cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var added = new List<Volunteer>(accepted.Count);
        for (var i = 0; i < accepted.Count; i++)
        {
            number = VolunteerNumbers.After(number);
            var volunteer = Volunteer.Register(number, accepted[i].Details, accepted[i].IdNumber, protector, RegistrationSource.Import, VolunteerStatus.Active, now);
            db.Volunteers.Add(volunteer);
            added.Add(volunteer);
            if (i % 500 == 0)
            {
                progress?.Report(50 + (i * 40 / Math.Max(accepted.Count, 1)));
            }
        }

        // Every imported volunteer gets an account in the same transaction, and the page prints their activation slips.
        var provisioned = await accounts.ForVolunteersAsync([.. added.Select(v => new Accounts.PersonRecord(v.Id, v.RealName, v.Mobile, v.StationId))],
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        progress?.Report(100);
        var names = added.ToDictionary(v => v.Id, v => v.RealName);
        return new ImportResult(rows.Count, accepted.Count, skipped, [], watch.ElapsedMilliseconds, provisioned.Slips,
            [.. provisioned.Refused.Select(r => $"{names[r.Key]}：{r.Value}")]);
    }

    public byte[] ErrorSheet(IReadOnlyList<ImportRowError> errors)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(errors.Select(e => new Dictionary<string, object?>
        {
            [localizer["Import.Row"]] = e.Row,
            [localizer["Import.Column"]] = e.Column,
            [localizer["Import.Message"]] = e.Message,
        }));
        return stream.ToArray();
    }

    private string ColumnOf(string field)
    {
        var key = field.Split('[', '.')[0];
        return key switch
        {
            "gender" or "birthDate" => Header("idNumber"),
            _ when Columns.Contains(key) => Header(key),
            _ => key,
        };
    }

    /// <summary>Names in the sheet (stations, party organisations, skills, enum labels) turned into ids and values.</summary>
    private sealed class Lookups
    {
        private readonly Dictionary<string, Guid> _stations = [];
        private readonly Dictionary<string, Guid> _parties = [];
        private readonly Dictionary<string, Guid> _skills = [];
        private readonly Dictionary<string, PoliticalStatus> _political = [];
        private readonly Dictionary<string, RecruitmentChannel> _channels = [];
        private IStringLocalizer _localizer = null!;

        public static async Task<Lookups> LoadAsync(AppDbContext db, IStringLocalizer localizer, CancellationToken cancellationToken)
        {
            var lookups = new Lookups { _localizer = localizer };
            foreach (var s in await db.Stations.Where(s => s.IsActive).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            {
                lookups._stations[s.Name] = s.Id;
            }

            foreach (var p in await db.PartyOrganizations.Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
            {
                lookups._parties[p.Name] = p.Id;
            }

            foreach (var s in await db.Skills.Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            {
                lookups._skills[s.Name] = s.Id;
            }

            // Both languages' labels and the code names are accepted, so a template filled in either UI imports.
            foreach (var value in Enum.GetValues<PoliticalStatus>())
            {
                foreach (var label in Labels(localizer, "PoliticalStatus." + value, value.ToString()))
                {
                    lookups._political[label] = value;
                }
            }

            foreach (var value in Enum.GetValues<RecruitmentChannel>())
            {
                foreach (var label in Labels(localizer, "RecruitmentChannel." + value, value.ToString()))
                {
                    lookups._channels[label] = value;
                }
            }

            return lookups;
        }

        private static IEnumerable<string> Labels(IStringLocalizer localizer, string key, string code)
        {
            yield return code;
            foreach (var culture in new[] { "zh-CN", "en" })
            {
                var previous = System.Globalization.CultureInfo.CurrentUICulture;
                System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
                yield return localizer[key].Value;
                System.Globalization.CultureInfo.CurrentUICulture = previous;
            }
        }

        public VolunteerInput ToInput(IDictionary<string, object?> row, Func<string, string> header, out List<(string Field, string Message)> errors)
        {
            errors = [];
            string? Text(string field) => row.TryGetValue(header(field), out var value) && value is not null && value.ToString() is { Length: > 0 } s ? s.Trim() : null;
            Guid? Find(string field, Dictionary<string, Guid> map, string unknownKey, List<(string, string)> errs)
            {
                var name = Text(field);
                if (name is null)
                {
                    return null;
                }

                if (map.TryGetValue(name, out var id))
                {
                    return id;
                }

                errs.Add((field, _localizer[unknownKey]));
                return null;
            }

            var skillNames = Text("skills")?.Split(['、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            var skills = new List<VolunteerSkillInput>();
            foreach (var name in skillNames)
            {
                if (_skills.TryGetValue(name, out var id))
                {
                    skills.Add(new VolunteerSkillInput { SkillId = id, Level = SkillLevel.Basic });
                }
                else
                {
                    errors.Add(("skills", _localizer["Volunteer.UnknownSkill"]));
                }
            }

            var political = Text("politicalStatus");
            var channel = Text("channel");
            var consent = Text("consent");
            if (political is not null && !_political.ContainsKey(political))
            {
                errors.Add(("politicalStatus", _localizer["Validation.Invalid", _localizer["Field.politicalStatus"]]));
            }

            if (channel is not null && !_channels.ContainsKey(channel))
            {
                errors.Add(("channel", _localizer["Validation.Invalid", _localizer["Field.channel"]]));
            }

            return new VolunteerInput
            {
                RealName = Text("realName"),
                IdNumber = Text("idNumber"),
                Mobile = Text("mobile"),
                PoliticalStatus = political is not null && _political.TryGetValue(political, out var p) ? p : null,
                PartyOrganizationId = Find("partyOrganizationId", _parties, "Volunteer.UnknownPartyOrganization", errors),
                Channel = channel is not null && _channels.TryGetValue(channel, out var c) ? c : null,
                ReferredBy = Text("referredBy"),
                StationId = Find("stationId", _stations, "Volunteer.UnknownStation", errors),
                Village = Text("village"),
                Address = Text("address"),
                Skills = skills,
                GuardianName = Text("guardianName"),
                GuardianMobile = Text("guardianMobile"),
                Consent = consent is not null && (consent == _localizer["Import.Yes"] || consent is "是" or "yes" or "Yes" or "Y" or "1" or "true"),
            };
        }
    }
}
