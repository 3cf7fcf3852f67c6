using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Volunteer96345.Tests.Common.Localization;

/// <summary>zh-CN is the neutral language; English must be complete; every key the code asks for must exist.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string Source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Volunteer96345"));

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Source, "Common/Localization", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void English_has_every_key_that_Chinese_has_and_no_other()
    {
        var zh = Read("SharedResource.resx");
        var en = Read("SharedResource.en.resx");

        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.All(en, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
        Assert.All(en, kv => Assert.DoesNotMatch("[\u4e00-\u9fff]", kv.Value.Replace("简体中文", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_key_named_in_the_code_exists()
    {
        var zh = Read("SharedResource.resx");
        var files = Directory.EnumerateFiles(Source, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal));
        var used = files.SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
            .Where(k => !k.EndsWith('.'))
            .ToHashSet();

        var missing = used.Where(k => !zh.ContainsKey(k)).ToList();
        Assert.NotEmpty(used);
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));
    }

    private static readonly string[] TrackSteps = ["Received", "Offered", "Accepted", "EnRoute", "Arrived", "Resolved", "Closed", "Reopened"];

    [Fact]
    public void Every_enum_value_shown_in_the_ui_has_a_name_in_both_languages()
    {
        var zh = Read("SharedResource.resx");
        var keys = Enum.GetNames<Volunteer96345.Network.StationKind>().Select(n => "StationKind." + n)
            .Concat(Enum.GetNames<Volunteer96345.Network.OutpostKind>().Select(n => "OutpostKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.StationServices.ErrandOffice>().Select(n => "ErrandOffice." + n))
            .Concat(Enum.GetNames<Volunteer96345.StationServices.ErrandOffice>().Select(n => "ErrandOffice.Desk." + n))
            .Concat(Enum.GetNames<Volunteer96345.StationServices.ErrandStatus>().Select(n => "ErrandStatus." + n))
            .Concat(Enum.GetNames<Volunteer96345.StationServices.ConvenienceKind>().Select(n => "ConvenienceKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.StationServices.StoredItemStatus>().Select(n => "StoredItemStatus." + n))
            .Concat(Enum.GetNames<Volunteer96345.StationServices.DocumentCustody>().Select(n => "DocumentCustody." + n))
            .Concat(Enum.GetNames<Volunteer96345.StationServices.ErrandEventKind>().Select(n => "ErrandEventKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.Network.FiveHasItem>().Select(n => "FiveHas." + n))
            .Concat(Enum.GetNames<Volunteer96345.Network.FundingDirection>().Select(n => "FundingDirection." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.Gender>().Select(n => "Gender." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.IntakeChannel>().Select(n => "IntakeChannel." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.ServiceCategory>().Select(n => "ServiceCategory." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.ResponderKind>().Select(n => "ResponderKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.AttributeDatatype>().Select(n => "AttributeDatatype." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.WorkOrderStatus>().Select(n => "WorkOrderStatus." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.WorkOrderEventKind>().Select(n => "WorkOrderEventKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.OfferStatus>().Select(n => "OfferStatus." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.Board.Milestone>().Select(n => "Board.Milestone." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.Attitude>().Select(n => "Attitude." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.Outcome>().Select(n => "Outcome." + n))
            .Concat(Enum.GetNames<Volunteer96345.WorkOrders.CallbackReason>().Select(n => "CallbackReason." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.PoliticalStatus>().Select(n => "PoliticalStatus." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.RecruitmentChannel>().Select(n => "RecruitmentChannel." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.VolunteerStatus>().SelectMany(n => new[] { "VolunteerStatus." + n, "Volunteer.MoveTo." + n }))
            .Concat(Enum.GetNames<Volunteer96345.People.SkillLevel>().Select(n => "SkillLevel." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.RegistrationSource>().Select(n => "RegistrationSource." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.PartyOrganizationKind>().Select(n => "PartyOrganizationKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.CareCategory>().Select(n => "CareCategory." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.CarePriority>().Select(n => "CarePriority." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.DisabilityType>().Select(n => "DisabilityType." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.VisitKind>().Select(n => "VisitKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.TeamKind>().Select(n => "TeamKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.TrainingKind>().Select(n => "TrainingKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.Common.Time.HolidayOccasion>().Select(n => "HolidayOccasion." + n))
            .Concat(Enum.GetNames<Volunteer96345.Activities.CentralTasks>().Select(n => "CentralTasks." + n))
            .Concat(Enum.GetNames<Volunteer96345.Activities.OrganizerKind>().Select(n => "OrganizerKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.Activities.ActivityOccasion>().Select(n => "ActivityOccasion." + n))
            .Concat(Enum.GetNames<Volunteer96345.Activities.SignUpStatus>().Select(n => "SignUpStatus." + n))
            .Concat(Enum.GetNames<Volunteer96345.Activities.WeekendRule>().Select(n => "WeekendRule." + n))
            .Concat(Enum.GetNames<Volunteer96345.People.AllianceStatus>().SelectMany(n => new[] { "AllianceStatus." + n, "Alliance.MoveTo." + n }))
            .Concat(Enum.GetNames<Volunteer96345.Common.Notifications.NotificationChannel>().Select(n => "NotificationChannel." + n))
            .Concat(Volunteer96345.WorkOrders.Respond.OrderActions.DeclineReasons.Select(r => "MyOrders.DeclineReason." + r))
            .Concat(Enum.GetNames<Volunteer96345.Points.AccountKind>().Select(n => "AccountKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.Points.PostingKind>().Select(n => "PostingKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.Points.EarningType>().Select(n => "EarningType." + n))
            .Concat(Enum.GetNames<Volunteer96345.Points.RewardKind>().Select(n => "RewardKind." + n))
            .Concat(Enum.GetNames<Volunteer96345.Points.MallOrderStatus>().Select(n => "MallOrderStatus." + n))
            .Concat(TrackSteps.Select(k => "Track.Step." + k))
            .Concat(Enum.GetNames<DayOfWeek>().Select(n => "Day." + n))
            .Concat(Volunteer96345.People.Volunteers.ImportVolunteersHandler.Columns.Select(c => c == "stationId" ? "Field.homeStation" : "Field." + c))
            .Concat(Volunteer96345.Common.Auth.Roles.All.Select(r => "Role." + r))
            .Concat(["Audit.Action.Added", "Audit.Action.Modified", "Audit.Action.Deleted"]);

        var missing = keys.Where(k => !zh.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"(?:L|localizer)\[""([A-Za-z][A-Za-z.]*)""[\],]|(?<!cref=)""((?:Validation|Station|Inspection|Funding|Attachment|Problem|Login|Volunteer|Import|Apply|Care|Pairing|Team|Roster|Training|Alliance|WorkOrder|WorkOrderStatus|Inbox|Outbox|Intake|Order|Board|Report|Catalogue|City|Open311|Track|Feedback|Callback|MyOrders|Help|Points|PostingKind|AccountKind|EarningType|Claim|Publicity|DeclarerKind|ClaimStatus|ObjectionStatus|RuleBasis|ActivityLevel|MyPoints|PointsReport|Counter|Mall|Merchant|Card|Reward|Settlement|MyRedemptions|RewardKind|MallOrderStatus|Deduction|Donate|Activity|ActivityType|Activities|HolidayOccasion|CentralTasks|OrganizerKind|ActivityOccasion|SignUpStatus|WeekendRule|Errand|ErrandOffice|ErrandStatus|DocumentCustody|ErrandEventKind|Outpost|ConvenienceKind|StoredItemStatus)\.[A-Za-z]+)""")]
    private static partial Regex KeyPattern();
}
