using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Points;

/// <summary>
/// Which alliance member a merchant's login acts for. The mall reads it on every merchant action, so that a merchant
/// only ever sees and fulfils the orders of their own shop.
/// </summary>
internal sealed class MerchantAccount
{
    public Guid UserId { get; set; }
    public Guid AllianceMemberId { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<MerchantAccount>
    {
        public void Configure(EntityTypeBuilder<MerchantAccount> builder)
        {
            builder.ToTable("merchant_accounts");
            builder.HasKey(m => m.UserId);
            builder.HasIndex(m => m.AllianceMemberId);
            builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            builder.HasOne<People.AllianceMember>().WithMany().HasForeignKey(m => m.AllianceMemberId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
