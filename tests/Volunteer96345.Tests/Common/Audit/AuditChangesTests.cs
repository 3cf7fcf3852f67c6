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
}
