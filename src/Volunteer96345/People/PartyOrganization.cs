using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.People;

public enum PartyOrganizationKind
{
    Committee,
    GeneralBranch,
    Branch,
}

/// <summary>The party organisation tree: the town party committee, committees and general branches, and branches.</summary>
internal sealed class PartyOrganization
{
    private PartyOrganization()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public PartyOrganizationKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }

    /// <summary>The village or community station the organisation sits in, when it has one.</summary>
    public Guid? StationId { get; private set; }

    /// <summary>
    /// 书记: the party member the town appointed to lead the organisation. Signed in on the phone, they review the
    /// Pioneer Index of the members of this organisation and of every organisation under it (docs/evaluation.md).
    /// </summary>
    public Guid? SecretaryVolunteerId { get; private set; }

    public void Appoint(Guid? secretaryVolunteerId) => SecretaryVolunteerId = secretaryVolunteerId;

    /// <summary>The organisations at and under each of <paramref name="roots"/>, from the whole (small) tree.</summary>
    public static HashSet<Guid> Subtrees(IEnumerable<PartyOrganization> all, IEnumerable<Guid> roots)
    {
        var children = all.ToLookup(p => p.ParentId);
        var found = new HashSet<Guid>();
        var queue = new Queue<Guid>(roots);
        while (queue.TryDequeue(out var id))
        {
            if (found.Add(id))
            {
                foreach (var child in children[id])
                {
                    queue.Enqueue(child.Id);
                }
            }
        }

        return found;
    }

    public static bool CanBeParent(PartyOrganizationKind parent, PartyOrganizationKind child) =>
        parent == PartyOrganizationKind.Committee || (parent == PartyOrganizationKind.GeneralBranch && child == PartyOrganizationKind.Branch);

    public static PartyOrganization Found(string name, PartyOrganizationKind kind, Guid? parentId, Guid? stationId) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name.Trim(),
        Kind = kind,
        ParentId = parentId,
        StationId = stationId,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<PartyOrganization>
    {
        public void Configure(EntityTypeBuilder<PartyOrganization> builder)
        {
            builder.ToTable("party_organizations");
            builder.Property(p => p.Name).HasMaxLength(100);
            builder.HasIndex(p => p.Name).IsUnique();
            builder.HasOne<PartyOrganization>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<Volunteer>().WithMany().HasForeignKey(p => p.SecretaryVolunteerId).OnDelete(DeleteBehavior.SetNull);
            builder.HasIndex(p => p.SecretaryVolunteerId);
        }
    }
}

/// <summary>A skill in the town's catalogue (configurable); volunteers hold skills at a level, teams and orders require them.</summary>
internal sealed class Skill
{
    private Skill()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Category { get; private set; } = "";

    public static Skill Define(string name, string category) => new() { Id = Guid.CreateVersion7(), Name = name.Trim(), Category = category.Trim() };

    internal sealed class Configuration : IEntityTypeConfiguration<Skill>
    {
        public void Configure(EntityTypeBuilder<Skill> builder)
        {
            builder.ToTable("skills");
            builder.Property(s => s.Name).HasMaxLength(50);
            builder.Property(s => s.Category).HasMaxLength(50);
            builder.HasIndex(s => s.Name).IsUnique();
        }
    }
}
