using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.StationServices;

/// <summary>documents received → submitted to the office → the office's answer → result and documents returned (closed).</summary>
public enum ErrandStatus
{
    Received,
    Submitted,
    MoreDocumentsNeeded,
    Approved,
    Rejected,
    Closed,
}

/// <summary>Where an original document is: not handed over, at the service point, at the office, back with the resident.</summary>
public enum DocumentCustody
{
    NotReceived,
    AtPoint,
    AtOffice,
    Returned,
}

public enum ErrandEventKind
{
    Received,
    DocumentsReceived,
    Submitted,
    OfficeAnswered,
    CollectedFromOffice,
    DocumentsReturned,
    Closed,
    Overdue,
    ReturnsMissing,
}

/// <summary>One original document of an errand and who holds it now.</summary>
internal sealed class ErrandDocument
{
    public string Name { get; set; } = "";
    public bool OnChecklist { get; set; }
    public DocumentCustody Custody { get; set; }
    public string? Holder { get; set; }
    public DateTime? ChangedAt { get; set; }
}

internal sealed class ErrandEvent
{
    public DateTime At { get; set; }
    public ErrandEventKind Kind { get; set; }
    public string? Actor { get; set; }
    public string? Detail { get; set; }
}

/// <summary>What the point records when it receives an errand.</summary>
internal sealed record ErrandIntake(
    ErrandType Type,
    Guid StationId,
    string ResidentName,
    string PhoneCipher,
    string PhoneHash,
    string PhoneMasked,
    IReadOnlyCollection<string> Received,
    string? Note,
    DateOnly DueDate,
    DateTime DueAt);

/// <summary>
/// 红色代办: one errand run for a resident at an office. Like a work order, its deadline is stored when it is received and
/// nothing later moves it; its status changes only through the methods below, which also move the custody of the
/// original documents, so that the page can say at any moment where each document is and who holds it.
/// A method returns the localization key of the reason it refuses (null when it did it); the handler localizes it.
/// </summary>
internal sealed class ProxyErrand : IStationScoped
{
    private ProxyErrand()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Printed on the receipt and in its QR code: short, unguessable, and all the public status page needs.</summary>
    public string TrackingCode { get; private set; } = "";
    public Guid ErrandTypeId { get; private set; }
    public string TypeName { get; private set; } = "";
    public ErrandOffice Office { get; private set; }
    public Guid StationId { get; private set; }
    public string ResidentName { get; private set; } = "";
    public string ResidentPhoneCipher { get; private set; } = "";
    public string ResidentPhoneHash { get; private set; } = "";
    public string ResidentPhoneMasked { get; private set; } = "";
    public string? Note { get; private set; }
    public ErrandStatus Status { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public string ReceivedBy { get; private set; } = "";
    public int DeadlineWorkingDays { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateTime DueAt { get; private set; }
    public string? OfficeName { get; private set; }
    public DateOnly? SubmittedOn { get; private set; }
    public string? OfficeHandler { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public string? OfficeReason { get; private set; }
    public string? Result { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public Guid? SignatureId { get; private set; }
    public bool Overdue { get; private set; }
    public int Version { get; private set; }
    public List<ErrandDocument> Documents { get; private set; } = [];
    public List<ErrandEvent> Events { get; private set; } = [];

    public bool IsOpen => Status != ErrandStatus.Closed;

    public bool ClosedOnTime => ClosedAt is { } closed && closed <= DueAt;

    public static ProxyErrand Receive(ErrandIntake intake, string actor, DateTime now)
    {
        var errand = new ProxyErrand
        {
            Id = Guid.CreateVersion7(),
            TrackingCode = NewTrackingCode(),
            ErrandTypeId = intake.Type.Id,
            TypeName = intake.Type.Name,
            Office = intake.Type.Office,
            StationId = intake.StationId,
            ResidentName = intake.ResidentName.Trim(),
            ResidentPhoneCipher = intake.PhoneCipher,
            ResidentPhoneHash = intake.PhoneHash,
            ResidentPhoneMasked = intake.PhoneMasked,
            Note = string.IsNullOrWhiteSpace(intake.Note) ? null : intake.Note.Trim(),
            Status = ErrandStatus.Received,
            ReceivedAt = now,
            ReceivedBy = actor,
            DeadlineWorkingDays = intake.Type.DeadlineWorkingDays,
            DueDate = intake.DueDate,
            DueAt = intake.DueAt,
        };
        var received = intake.Received.Select(r => r.Trim()).ToHashSet(StringComparer.Ordinal);
        errand.Documents.AddRange(intake.Type.Documents.Select(d => new ErrandDocument
        {
            Name = d,
            OnChecklist = true,
            Custody = received.Contains(d) ? DocumentCustody.AtPoint : DocumentCustody.NotReceived,
            Holder = received.Contains(d) ? actor : null,
            ChangedAt = received.Contains(d) ? now : null,
        }));
        errand.Log(now, ErrandEventKind.Received, actor, string.Join("、", errand.Documents.Where(d => d.Custody == DocumentCustody.AtPoint).Select(d => d.Name)));
        return errand;
    }

    public IEnumerable<ErrandDocument> Missing => Documents.Where(d => d.OnChecklist && d.Custody == DocumentCustody.NotReceived);

    /// <summary>Documents handed over later, after the office asked for more; a name off the checklist is added as extra.</summary>
    public string? ReceiveDocuments(IReadOnlyCollection<string> names, string actor, DateTime now)
    {
        if (!IsOpen)
        {
            return "Errand.AlreadyClosed";
        }

        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct())
        {
            var document = Documents.FirstOrDefault(d => d.Name == name);
            if (document is { Custody: not DocumentCustody.NotReceived })
            {
                return "Errand.AlreadyReceived";
            }

            if (document is null)
            {
                Documents.Add(document = new ErrandDocument { Name = name });
            }

            Move(document, DocumentCustody.AtPoint, actor, now);
        }

        Log(now, ErrandEventKind.DocumentsReceived, actor, string.Join("、", names));
        return null;
    }

    /// <summary>Takes the documents at the point to the office; the office's handler holds them from now on.</summary>
    public string? Submit(string office, DateOnly on, string handler, string actor, DateTime now)
    {
        if (Status is not (ErrandStatus.Received or ErrandStatus.MoreDocumentsNeeded))
        {
            return "Errand.CannotSubmit";
        }

        if (!Documents.Any(d => d.Custody == DocumentCustody.AtPoint))
        {
            return "Errand.NothingToSubmit";
        }

        OfficeName = office.Trim();
        SubmittedOn = on;
        OfficeHandler = handler.Trim();
        foreach (var document in Documents.Where(d => d.Custody == DocumentCustody.AtPoint))
        {
            Move(document, DocumentCustody.AtOffice, $"{OfficeName} {OfficeHandler}", now);
        }

        Status = ErrandStatus.Submitted;
        Log(now, ErrandEventKind.Submitted, actor, $"{OfficeName} · {OfficeHandler} · {on:yyyy-MM-dd}");
        return null;
    }

    /// <summary>The office's answer: approved, rejected (with why), or more documents needed (with which).</summary>
    public string? Answer(ErrandStatus answer, string? reason, string actor, DateTime now)
    {
        if (answer is not (ErrandStatus.Approved or ErrandStatus.Rejected or ErrandStatus.MoreDocumentsNeeded))
        {
            return "Errand.NotAnAnswer";
        }

        if (Status != ErrandStatus.Submitted)
        {
            return "Errand.NotAtOffice";
        }

        Status = answer;
        AnsweredAt = now;
        OfficeReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Log(now, ErrandEventKind.OfficeAnswered, actor, $"{answer} {OfficeReason}".Trim());
        return null;
    }

    /// <summary>The point fetches the originals back from the office; the staff member fetching them holds them.</summary>
    public string? CollectFromOffice(string actor, DateTime now)
    {
        var atOffice = Documents.Where(d => d.Custody == DocumentCustody.AtOffice).ToList();
        if (atOffice.Count == 0)
        {
            return "Errand.NothingAtOffice";
        }

        if (Status == ErrandStatus.Submitted)
        {
            return "Errand.AwaitingOffice";
        }

        atOffice.ForEach(d => Move(d, DocumentCustody.AtPoint, actor, now));
        Log(now, ErrandEventKind.CollectedFromOffice, actor, string.Join("、", atOffice.Select(d => d.Name)));
        return null;
    }

    /// <summary>Hands documents back to the resident; only what the point holds can be handed back.</summary>
    public string? ReturnDocuments(IReadOnlyCollection<string> names, string actor, DateTime now)
    {
        var wanted = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return "Errand.NoDocumentsChosen";
        }

        var documents = new List<ErrandDocument>();
        foreach (var name in wanted)
        {
            var document = Documents.FirstOrDefault(d => d.Name == name);
            switch (document?.Custody)
            {
                case null or DocumentCustody.NotReceived:
                    return "Errand.NeverReceived";
                case DocumentCustody.AtOffice:
                    return "Errand.StillAtOffice";
                case DocumentCustody.Returned:
                    return "Errand.AlreadyReturned";
            }

            documents.Add(document);
        }

        documents.ForEach(d => Move(d, DocumentCustody.Returned, ResidentName, now));
        Log(now, ErrandEventKind.DocumentsReturned, actor, string.Join("、", wanted));
        return null;
    }

    /// <summary>
    /// Closes the errand when the resident signs for the result: every document the point still holds goes back with it.
    /// An original still at the office would be lost track of, so closing waits for it.
    /// </summary>
    public string? Close(string result, Guid signatureId, string actor, DateTime now)
    {
        if (!IsOpen)
        {
            return "Errand.AlreadyClosed";
        }

        if (Documents.Any(d => d.Custody == DocumentCustody.AtOffice))
        {
            return "Errand.StillAtOffice";
        }

        if (Status is not (ErrandStatus.Approved or ErrandStatus.Rejected))
        {
            return "Errand.NoAnswerYet";
        }

        foreach (var document in Documents.Where(d => d.Custody == DocumentCustody.AtPoint))
        {
            Move(document, DocumentCustody.Returned, ResidentName, now);
        }

        Result = result.Trim();
        SignatureId = signatureId;
        ClosedAt = now;
        Status = ErrandStatus.Closed;
        Log(now, ErrandEventKind.Closed, actor, Result);
        return null;
    }

    /// <summary>The deadline passed with the errand open: flagged once, reported as late.</summary>
    public bool Escalate(DateTime now)
    {
        if (!IsOpen || Overdue)
        {
            return false;
        }

        Overdue = true;
        Log(now, ErrandEventKind.Overdue, "sla", null);
        return true;
    }

    /// <summary>Documents not back with the resident some days after the office answered; null when none are missing.</summary>
    public string? NoteMissingReturns(DateTime now)
    {
        var missing = Documents.Where(d => d.Custody is DocumentCustody.AtPoint or DocumentCustody.AtOffice).Select(d => d.Name).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var detail = string.Join("、", missing);
        Log(now, ErrandEventKind.ReturnsMissing, "sla", detail);
        return detail;
    }

    private void Move(ErrandDocument document, DocumentCustody custody, string holder, DateTime now)
    {
        document.Custody = custody;
        document.Holder = holder.Length > 100 ? holder[..100] : holder;
        document.ChangedAt = now;
        Version++;
    }

    private void Log(DateTime at, ErrandEventKind kind, string? actor, string? detail)
    {
        Events.Add(new ErrandEvent { At = at, Kind = kind, Actor = actor, Detail = detail is { Length: > 500 } ? detail[..500] : detail });
        Version++;
    }

    private static string NewTrackingCode()
    {
        // No 0/O or 1/I/L: residents read the code aloud over the phone.
        const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        return string.Create(10, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
    }

    internal sealed class Configuration : IEntityTypeConfiguration<ProxyErrand>
    {
        public void Configure(EntityTypeBuilder<ProxyErrand> builder)
        {
            builder.ToTable("proxy_errands");
            builder.Property(e => e.TrackingCode).HasMaxLength(10);
            builder.HasIndex(e => e.TrackingCode).IsUnique();
            builder.Property(e => e.TypeName).HasMaxLength(50);
            builder.Property(e => e.ResidentName).HasMaxLength(50);
            builder.Property(e => e.ResidentPhoneHash).HasMaxLength(64);
            builder.Property(e => e.ResidentPhoneMasked).HasMaxLength(20);
            builder.Property(e => e.Note).HasMaxLength(500);
            builder.Property(e => e.ReceivedBy).HasMaxLength(100);
            builder.Property(e => e.OfficeName).HasMaxLength(50);
            builder.Property(e => e.OfficeHandler).HasMaxLength(50);
            builder.Property(e => e.OfficeReason).HasMaxLength(500);
            builder.Property(e => e.Result).HasMaxLength(500);
            builder.Property(e => e.Version).IsConcurrencyToken();
            builder.Ignore(e => e.IsOpen);
            builder.Ignore(e => e.ClosedOnTime);
            builder.Ignore(e => e.Missing);
            builder.HasIndex(e => new { e.StationId, e.Status });
            builder.HasIndex(e => e.ReceivedAt);
            builder.HasOne<ErrandType>().WithMany().HasForeignKey(e => e.ErrandTypeId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(e => e.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.OwnsMany(e => e.Documents, d =>
            {
                d.ToTable("proxy_errand_documents");
                d.WithOwner().HasForeignKey("ErrandId");
                d.Property<int>("Id");
                d.HasKey("Id");
                d.Property(x => x.Name).HasMaxLength(50);
                d.Property(x => x.Holder).HasMaxLength(100);
            });
            builder.OwnsMany(e => e.Events, v =>
            {
                v.ToTable("proxy_errand_events");
                v.WithOwner().HasForeignKey("ErrandId");
                v.Property<int>("Id");
                v.HasKey("Id");
                v.Property(x => x.Actor).HasMaxLength(100);
                v.Property(x => x.Detail).HasMaxLength(500);
            });
        }
    }
}
