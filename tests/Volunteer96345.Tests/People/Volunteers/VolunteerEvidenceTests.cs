using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Files;
using Volunteer96345.People;
using Volunteer96345.People.Volunteers;

namespace Volunteer96345.Tests.People.Volunteers;

[Trait("Category", "Integration")]
public sealed class VolunteerEvidenceTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_evidence_file_picked_for_a_skill_is_stored_with_the_volunteers_station_and_linked_to_the_skill()
    {
        var station = await app.ChengjiaoPoint();
        var skill = await app.Db(db => db.Skills.Where(s => s.Name == "应急救护").Select(s => s.Id).SingleAsync());
        var input = TestData.ValidVolunteer(station, TestData.NewIdNumber(new DateOnly(1977, 7, 7)), "证书持有人");
        input.Skills = [new VolunteerSkillInput { SkillId = skill, Level = SkillLevel.Expert }];
        var evidence = new Dictionary<Guid, UploadedFile> { [skill] = new("急救员证.pdf", "%PDF-1.1"u8.ToArray()) };

        var id = await app.As<RegisterVolunteerHandler, Guid>(TestData.Admin, async h => (await h.Register(input, RegistrationSource.Staff, CancellationToken.None, evidence)).Value.Id);

        var view = await app.As<SearchVolunteersHandler, VolunteerView>(TestData.Admin, async h => (await h.Get(id, CancellationToken.None)).Value);
        var evidenceId = Assert.Single(view.Skills).EvidenceId;
        Assert.NotNull(evidenceId);
        var file = await app.Db(db => db.Attachments.SingleAsync(a => a.Id == evidenceId));
        Assert.Equal(("急救员证.pdf", station), (file.FileName, file.StationId));
    }

    [Fact]
    public async Task A_forbidden_evidence_file_refuses_the_registration_and_stores_nothing()
    {
        var station = await app.ChengjiaoPoint();
        var skill = await app.Db(db => db.Skills.Where(s => s.Name == "驾驶").Select(s => s.Id).SingleAsync());
        var input = TestData.ValidVolunteer(station, TestData.NewIdNumber(new DateOnly(1978, 8, 8)), "病毒文件");
        input.Skills = [new VolunteerSkillInput { SkillId = skill, Level = SkillLevel.Basic }];
        var before = await app.Fingerprint();

        var result = await app.As<RegisterVolunteerHandler, Volunteer96345.Common.Errors.AppError?>(TestData.Admin, async h =>
            (await h.Register(input, RegistrationSource.Staff, CancellationToken.None,
                new Dictionary<Guid, UploadedFile> { [skill] = new("setup.exe", [0x4D, 0x5A]) })).Error);

        Assert.NotNull(result?.For("skills"));
        Assert.Equal(before, await app.Fingerprint());
    }
}
