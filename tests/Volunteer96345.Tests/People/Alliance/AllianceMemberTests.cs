using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Alliance;

/// <summary>The merchant's status rules, without a database.</summary>
public sealed class AllianceMemberTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 2, 0, 0, DateTimeKind.Utc);

    private static AllianceMember Applied() => AllianceMember.Apply(" 盐官老街茶馆 ", "91330481MA2XJWTGFM", "沈国华", "13957312345", "春熙路18号", "盐官社区",
        Guid.NewGuid(), ["茶水", " 茶水 ", "歇脚"], "  ", new DateOnly(2024, 5, 1), Now);

    [Fact]
    public void A_new_merchant_has_applied_with_trimmed_text_and_distinct_services()
    {
        var member = Applied();

        Assert.Equal(AllianceStatus.Applied, member.Status);
        Assert.Equal("盐官老街茶馆", member.Name);
        Assert.Equal(["茶水", "歇脚"], member.Services);
        Assert.Null(member.Discount);
        Assert.Null(member.AgreementId);
    }

    [Fact]
    public void Activation_without_an_agreement_is_refused_and_changes_nothing()
    {
        var member = Applied();

        Assert.False(member.MoveTo(AllianceStatus.Active, "试图激活"));
        Assert.Equal(AllianceStatus.Applied, member.Status);
        Assert.Null(member.StatusNote);

        member.FileAgreement(Guid.NewGuid());
        Assert.True(member.MoveTo(AllianceStatus.Active, " 协议已签 "));
        Assert.Equal(AllianceStatus.Active, member.Status);
        Assert.Equal("协议已签", member.StatusNote);
    }

    [Theory]
    [InlineData(AllianceStatus.Applied, AllianceStatus.Active, true)]
    [InlineData(AllianceStatus.Applied, AllianceStatus.Withdrawn, true)]
    [InlineData(AllianceStatus.Applied, AllianceStatus.Suspended, false)]
    [InlineData(AllianceStatus.Active, AllianceStatus.Suspended, true)]
    [InlineData(AllianceStatus.Active, AllianceStatus.Withdrawn, true)]
    [InlineData(AllianceStatus.Active, AllianceStatus.Applied, false)]
    [InlineData(AllianceStatus.Active, AllianceStatus.Active, false)]
    [InlineData(AllianceStatus.Suspended, AllianceStatus.Active, true)]
    [InlineData(AllianceStatus.Suspended, AllianceStatus.Withdrawn, true)]
    [InlineData(AllianceStatus.Suspended, AllianceStatus.Applied, false)]
    [InlineData(AllianceStatus.Withdrawn, AllianceStatus.Active, false)]
    [InlineData(AllianceStatus.Withdrawn, AllianceStatus.Applied, false)]
    public void Only_the_listed_moves_are_allowed(AllianceStatus from, AllianceStatus to, bool allowed)
    {
        Assert.Equal(allowed, AllianceMember.CanMove(from, to));
        Assert.Equal(allowed, AllianceMember.NextFrom(from).Contains(to));
    }
}
