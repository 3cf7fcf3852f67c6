using Volunteer96345.Common.Audit;

namespace Volunteer96345.Tests.Common.Audit;

public sealed class AuditChangesTests
{
    [Fact]
    public void A_modification_reads_as_old_arrow_new_and_an_addition_as_its_value()
    {
        var lines = AuditChanges.Lines("""{"Phone":["0573-1","0573-2"],"IsActive":[true],"OpeningHours":[null,"8:00"]}""").ToList();

        Assert.Equal(["Phone: 0573-1 → 0573-2", "IsActive: true", "OpeningHours: ∅ → 8:00"], lines);
    }

    [Fact]
    public void Text_that_is_not_a_change_set_is_shown_as_it_is()
    {
        Assert.Equal(["not json"], AuditChanges.Lines("not json"));
    }

    [Fact]
    public void Owned_rows_inside_their_owners_change_read_as_one_line_each()
    {
        var lines = AuditChanges.Lines("""{"Status":["Received","Dispatched"],"Offers[]":[{"@":"Added","Round":[1],"Status":["Offered"]},{"@":"Modified","Status":["Offered","Accepted"]}]}""").ToList();

        Assert.Equal(["Status: Received → Dispatched", "Offers (Added): Round: 1; Status: Offered", "Offers (Modified): Status: Offered → Accepted"], lines);
    }

    [Fact]
    public void For_a_person_fields_carry_their_labels_times_read_in_the_towns_time_and_technical_columns_stay_out_unless_asked()
    {
        const string Changes = """{"Id":["0192-a"],"StationId":["0192-b"],"Version":[1,2],"RealNameCipher":["x","y"],"Mobile":["139","138"],"AcceptedAt":[null,"2026-11-29T02:05:00Z"]}""";
        var labels = new Dictionary<string, string> { ["Mobile"] = "手机", ["AcceptedAt"] = "接单时间" };

        var plain = AuditChanges.Lines(Changes, name => labels.GetValueOrDefault(name, name), technical: false).ToList();
        var all = AuditChanges.Lines(Changes, name => labels.GetValueOrDefault(name, name), technical: true).ToList();

        Assert.Equal(["手机: 139 → 138", "接单时间: ∅ → 2026-11-29 10:05"], plain);
        Assert.Equal(6, all.Count);
        Assert.Contains("Version: 1 → 2", all);
    }
}
