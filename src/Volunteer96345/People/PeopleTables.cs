using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.People;

/// <summary>The People module's tables in the one DbContext: the module declares them, so that Data names no module (docs/architecture.md).</summary>
internal static class PeopleTables
{
    extension(AppDbContext db)
    {
        public DbSet<Volunteer> Volunteers => db.Set<Volunteer>();
        public DbSet<PartyOrganization> PartyOrganizations => db.Set<PartyOrganization>();
        public DbSet<Skill> Skills => db.Set<Skill>();
        public DbSet<CareRecipient> CareRecipients => db.Set<CareRecipient>();
        public DbSet<Pairing> Pairings => db.Set<Pairing>();
        public DbSet<Team> Teams => db.Set<Team>();
        public DbSet<DutyShift> DutyShifts => db.Set<DutyShift>();
        public DbSet<TrainingSession> TrainingSessions => db.Set<TrainingSession>();
        public DbSet<AllianceMember> AllianceMembers => db.Set<AllianceMember>();
    }
}
