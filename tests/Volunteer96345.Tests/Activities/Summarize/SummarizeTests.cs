using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Activities;
using Volunteer96345.Activities.Notices;
using Volunteer96345.Activities.Summarize;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;

namespace Volunteer96345.Tests.Activities.Summarize;

/// <summary>The summary and photos the organiser adds once the activity has started, and what the public sees of them.</summary>
[Trait("Category", "Integration")]
public sealed class SummarizeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    internal static byte[] Png(int padding = 0) =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[16], .. new byte[padding],
    ];

    private static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[32]];

    private static byte[] WebP() => [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8, .. new byte[16]];

    /// <summary>An activity of the sub-station that started a minute ago.</summary>
    private async Task<Guid> StartedActivity()
    {
        var id = await app.NewActivity(startsIn: TimeSpan.FromMinutes(5));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        return id;
    }

    private Task<string> Counts() => app.Db(async db => string.Join('|', await app.ActivityCounts(),
        await db.Attachments.IgnoreQueryFilters().CountAsync(),
        string.Join(',', await db.Set<Activity>().IgnoreQueryFilters().OrderBy(a => a.Id).Select(a => a.Summary + a.PhotoIds.Count).ToListAsync())));

    private Task<Result<ActivitySummary>> Save(string user, Guid id, string? summary, params UploadedFile[] photos) =>
        app.As<SummarizeHandler, Result<ActivitySummary>>(user, h => h.Save(id, summary, photos, None));

    [Fact]
    public async Task The_organiser_writes_a_summary_with_jpeg_png_and_webp_photos_and_the_public_sees_them_without_participants()
    {
        var id = await StartedActivity();

        var saved = await Save(ActivitySteps.Admin, id, "  清理河道垃圾 12 袋。 ", new UploadedFile("河道.jpeg", Jpeg()), new UploadedFile("before.png", Png()),
            new UploadedFile("after", WebP()));

        Assert.True(saved.IsOk, saved.Error?.Message);
        Assert.Equal("清理河道垃圾 12 袋。", saved.Value.Summary);
        Assert.Equal(3, saved.Value.PhotoIds.Count);
        var stored = await app.Db(db => db.Attachments.IgnoreQueryFilters().Where(a => saved.Value.PhotoIds.Contains(a.Id)).ToListAsync());
        var files = saved.Value.PhotoIds.Select(p => stored.Single(a => a.Id == p)).ToList();
        var stationId = await app.Db(db => db.Set<Activity>().IgnoreQueryFilters().Where(a => a.Id == id).Select(a => a.StationId).SingleAsync());
        Assert.All(files, f => Assert.Equal(stationId, f.StationId));
        Assert.Equal("image/jpeg image/png image/webp", string.Join(' ', files.Select(f => f.ContentType)));
        Assert.Equal("河道.jpg before.png after.webp", string.Join(' ', files.Select(f => f.FileName)));

        var recaps = await app.As<NoticesHandler, List<Recap>>(ActivitySteps.Admin, h => h.Recent(None));
        var recap = Assert.Single(recaps, r => r.Id == id);
        Assert.Equal(saved.Value.PhotoIds.ToArray(), recap.PhotoIds.ToArray());

        var anonymous = app.CreateClient();
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/activities/notices"));
        Assert.Contains("清理河道垃圾 12 袋。", page);
        Assert.Contains($"activities/{id}/photos/{saved.Value.PhotoIds[1]}", page);
        var photo = await anonymous.GetAsync($"/activities/{id}/photos/{saved.Value.PhotoIds[1]}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png(), await photo.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Photos_add_up_over_several_saves_and_a_removed_photo_takes_its_file_with_it()
    {
        var id = await StartedActivity();
        var first = await Save(ActivitySteps.Admin, id, "第一次", new UploadedFile("a.png", Png()));
        var second = await Save(ActivitySteps.Admin, id, null, new UploadedFile("b.png", Png(1)));
        Assert.True(second.IsOk, second.Error?.Message);
        Assert.Equal("第一次", second.Value.Summary);
        Assert.Equal(2, second.Value.PhotoIds.Count);

        var removed = first.Value.PhotoIds[0];
        var after = await app.As<SummarizeHandler, Result<ActivitySummary>>(ActivitySteps.Admin, h => h.RemovePhoto(id, removed, None));

        Assert.True(after.IsOk, after.Error?.Message);
        Assert.Equal(new[] { second.Value.PhotoIds[1] }, after.Value.PhotoIds.ToArray());
        Assert.False(await app.Db(db => db.Attachments.IgnoreQueryFilters().AnyAsync(a => a.Id == removed)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/activities/{id}/photos/{removed}")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_file_a_big_one_too_many_a_long_summary_an_early_summary_or_someone_not_allowed_is_refused_and_changes_nothing()
    {
        var id = await StartedActivity();
        var full = await Save(ActivitySteps.Admin, id, "已有", [.. Enumerable.Range(0, 8).Select(i => new UploadedFile($"{i}.png", Png(i)))]);
        Assert.True(full.IsOk, full.Error?.Message);
        var later = await app.NewActivity(startsIn: TimeSpan.FromDays(3));
        var before = await app.Fingerprint();
        var counts = await Counts();

        var pdf = await Save(ActivitySteps.Admin, id, null, new UploadedFile("伪装.png", [.. "%PDF-1.7"u8, .. new byte[32]]));
        var big = await Save(ActivitySteps.Admin, id, null, new UploadedFile("big.png", Png((int)Attachment.MaxBytes)));
        var tooMany = await Save(ActivitySteps.Admin, id, null, new UploadedFile("x.png", Png()), new UploadedFile("y.png", Png()));
        var tooLong = await Save(ActivitySteps.Admin, id, new string('长', SummarizeHandler.MaxSummary + 1));
        var early = await Save(ActivitySteps.Admin, later, "还没开始", new UploadedFile("a.png", Png()));
        var inspector = await Save("inspector", id, "督导", new UploadedFile("a.png", Png()));
        var otherStation = await Save("manager.chengjiao", id, "别的站点", new UploadedFile("a.png", Png()));
        var notTheirs = await app.As<SummarizeHandler, Result<ActivitySummary>>(ActivitySteps.Admin, h => h.RemovePhoto(id, Guid.NewGuid(), None));

        Assert.Equal("“伪装.png”不是 JPEG、PNG 或 WebP 图片，或超过 5 MB。", pdf.Error!.For("photos"));
        Assert.Equal("“big.png”不是 JPEG、PNG 或 WebP 图片，或超过 5 MB。", big.Error!.For("photos"));
        Assert.Equal("每个活动最多9张照片，已有8张。", tooMany.Error!.For("photos"));
        Assert.NotNull(tooLong.Error!.For("summary"));
        Assert.Equal(ErrorKind.Conflict, early.Error!.Kind);
        Assert.Equal("活动开始后才能写总结、上传照片。", early.Error.Message);
        Assert.Equal(ErrorKind.Forbidden, inspector.Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, otherStation.Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, notTheirs.Error!.Kind);
        Assert.Equal(before, await app.Fingerprint());
        Assert.Equal(counts, await Counts());
    }

    [Fact]
    public async Task The_api_takes_a_multipart_summary_refuses_a_renamed_document_in_english_and_removes_a_photo()
    {
        var id = await StartedActivity();
        var later = await app.NewActivity(startsIn: TimeSpan.FromDays(3));
        var client = await app.ClientFor(ActivitySteps.Admin, "en");
        var counts = await Counts();

        var refused = await client.PostAsync($"/api/v1/activities/{id}/summary", Form("Cleaned the river", ("report.png", [.. "PK"u8, 3, 4, .. new byte[16]])));
        var early = await client.PostAsync($"/api/v1/activities/{later}/summary", Form("Too early", ("a.png", Png())));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("“report.png” is not a JPEG, PNG or WebP picture", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("once the activity has started", await early.Content.ReadAsStringAsync());
        Assert.Equal(counts, await Counts());

        var saved = await client.PostAsync($"/api/v1/activities/{id}/summary", Form("Cleaned the river", ("a.png", Png()), ("b.jpg", Jpeg())));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var summary = await client.GetFromJsonAsync<ActivitySummary>($"/api/v1/activities/{id}/summary");
        Assert.Equal("Cleaned the river", summary!.Summary);
        Assert.Equal(2, summary.PhotoIds.Count);

        var deleted = await client.DeleteAsync($"/api/v1/activities/{id}/photos/{summary.PhotoIds[0]}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(new[] { summary.PhotoIds[1] }, (await client.GetFromJsonAsync<ActivitySummary>($"/api/v1/activities/{id}/summary"))!.PhotoIds.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/activities/{id}/photos/{summary.PhotoIds[0]}")).StatusCode);
    }

    [Fact]
    public async Task The_public_photo_address_serves_only_a_photo_of_that_activity()
    {
        var id = await StartedActivity();
        var other = await StartedActivity();
        var saved = await Save(ActivitySteps.Admin, id, null, new UploadedFile("a.png", Png()));
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/activities/{id}/photos/{saved.Value.PhotoIds[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/activities/{other}/photos/{saved.Value.PhotoIds[0]}")).StatusCode);
        var evidence = await app.Db(db => db.Attachments.IgnoreQueryFilters().Where(a => a.Id != saved.Value.PhotoIds[0]).Select(a => a.Id).FirstOrDefaultAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/activities/{id}/photos/{evidence}")).StatusCode);
    }

    private static MultipartFormDataContent Form(string summary, params (string Name, byte[] Content)[] photos)
    {
        var form = new MultipartFormDataContent { { new StringContent(summary), "summary" } };
        foreach (var (name, content) in photos)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "photos", name);
        }

        return form;
    }
}
