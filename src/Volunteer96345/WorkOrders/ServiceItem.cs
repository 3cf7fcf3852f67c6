using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.WorkOrders;

/// <summary>五大类: the five categories of the catalogue.</summary>
public enum ServiceCategory
{
    LifeAssistance,
    PolicyConsultation,
    DisputeMediation,
    HomeElderCare,
    HardshipAssistance,
}

/// <summary>Who an item is dispatched to by default.</summary>
public enum ResponderKind
{
    Volunteer,
    Team,
    Merchant,
    Station,
}

/// <summary>Open311 GeoReport v2 attribute datatypes.</summary>
public enum AttributeDatatype
{
#pragma warning disable CA1720 // The members are Open311's datatype names.
    String,
#pragma warning restore CA1720
    Number,
    Datetime,
    Text,
    SingleValueList,
    MultiValueList,
}

/// <summary>One allowed value of a list attribute.</summary>
public sealed class AttributeValue
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>An extra question asked when the item is requested; published as an Open311 attribute.</summary>
public sealed class ServiceQuestion
{
    public string Code { get; set; } = "";
    public AttributeDatatype Datatype { get; set; }
    public bool Required { get; set; }
    public string Description { get; set; } = "";
    public int Order { get; set; }
    public List<AttributeValue> Values { get; set; } = [];
}

/// <summary>The deadlines and reward of an item, edited together by an admin.</summary>
internal sealed record ServiceTerms(
    bool OnSite,
    ResponderKind Responder,
    int AcceptMinutes,
    int? ArriveMinutes,
    int ResolveMinutes,
    int Points);

/// <summary>
/// 服务项目: one item of the 120+ item catalogue. Its <see cref="Code"/> is the Open311 service_code and never changes.
/// An item is retired, never deleted: orders keep pointing at it.
/// </summary>
internal sealed class ServiceItem
{
    public const int DefaultAcceptMinutes = 10;
    public const int DefaultArriveMinutes = 30;

    private ServiceItem()
    {
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NameInitials { get; private set; } = "";
    public ServiceCategory Category { get; private set; }
    public string? Description { get; private set; }
    public bool OnSite { get; private set; }
    public ResponderKind Responder { get; private set; }
    public int AcceptMinutes { get; private set; }

    /// <summary>Null for remote items, which have no door to reach.</summary>
    public int? ArriveMinutes { get; private set; }

    public int ResolveMinutes { get; private set; }
    public int Points { get; private set; }
    public List<Guid> RequiredSkillIds { get; private set; } = [];
    public List<ServiceQuestion> Attributes { get; private set; } = [];
    public bool IsRetired { get; private set; }
    public DateTime? RetiredAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static ServiceItem Define(string code, string name, ServiceCategory category, string? description, ServiceTerms terms,
        IEnumerable<Guid> requiredSkillIds, IEnumerable<ServiceQuestion> attributes, DateTime now)
    {
        var item = new ServiceItem { Id = Guid.CreateVersion7(), Code = code.Trim(), CreatedAt = now };
        item.Change(name, category, description, terms, requiredSkillIds, attributes);
        return item;
    }

    public void Change(string name, ServiceCategory category, string? description, ServiceTerms terms, IEnumerable<Guid> requiredSkillIds,
        IEnumerable<ServiceQuestion> attributes)
    {
        Name = name.Trim();
        NameInitials = Pinyin.Initials(Name);
        Category = category;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        OnSite = terms.OnSite;
        Responder = terms.Responder;
        AcceptMinutes = terms.AcceptMinutes;
        ArriveMinutes = terms.OnSite ? terms.ArriveMinutes ?? DefaultArriveMinutes : null;
        ResolveMinutes = terms.ResolveMinutes;
        Points = terms.Points;
        RequiredSkillIds = [.. requiredSkillIds.Distinct()];
        // Copies: the same question objects must never be shared by two items or two contexts.
        Attributes = [.. attributes.OrderBy(a => a.Order).Select(a => new ServiceQuestion
        {
            Code = a.Code.Trim(),
            Datatype = a.Datatype,
            Required = a.Required,
            Description = a.Description.Trim(),
            Order = a.Order,
            Values = [.. a.Values.Select(v => new AttributeValue { Key = v.Key.Trim(), Name = v.Name.Trim() })],
        })];
    }

    public bool Retire(DateTime now)
    {
        if (IsRetired)
        {
            return false;
        }

        IsRetired = true;
        RetiredAt = now;
        return true;
    }

    public bool Restore()
    {
        if (!IsRetired)
        {
            return false;
        }

        IsRetired = false;
        RetiredAt = null;
        return true;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<ServiceItem>
    {
        public void Configure(EntityTypeBuilder<ServiceItem> builder)
        {
            builder.ToTable("service_items");
            builder.Property(s => s.Code).HasMaxLength(20);
            builder.HasIndex(s => s.Code).IsUnique();
            builder.Property(s => s.Name).HasMaxLength(50);
            builder.Property(s => s.NameInitials).HasMaxLength(50);
            builder.Property(s => s.Description).HasMaxLength(500);
            builder.HasIndex(s => new { s.Category, s.IsRetired });
            builder.OwnsMany(s => s.Attributes, a =>
            {
                a.ToJson();
                a.OwnsMany(x => x.Values);
            });
        }
    }
}
