using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;

namespace Volunteer96345.Network.Funding;

public sealed class BudgetLineInput
{
    public Guid? StationId { get; set; }
    public int? Year { get; set; }
    public string? Name { get; set; }

    /// <summary>In yuan, with at most two decimals (元); stored as fen.</summary>
    public decimal? Budgeted { get; set; }
}

public sealed class FundingEntryInput
{
    public FundingDirection? Direction { get; set; }
    public decimal? Amount { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public string? Description { get; set; }

    /// <summary>The voucher, uploaded beforehand to the line's station (POST /api/v1/stations/{id}/attachments).</summary>
    public Guid? VoucherId { get; set; }
}

public sealed record BudgetLineRow(
    Guid Id, Guid StationId, string StationName, int Year, string Name, decimal Budgeted, decimal Income, decimal Spent, decimal Balance);

public sealed record FundingEntryRow(
    Guid Id, Guid BudgetLineId, FundingDirection Direction, decimal Amount, DateOnly OccurredOn, string Description,
    Guid VoucherId, string VoucherName, DateTime RecordedAt);

public sealed record FundingYear(int Year, decimal Budgeted, decimal Income, decimal Spent, decimal Balance, IReadOnlyList<BudgetLineRow> Lines);

internal sealed class ManageFundingHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    private const decimal MaxYuan = 100_000_000m;

    public async Task<FundingYear> Year(int year, CancellationToken cancellationToken)
    {
        var lines = await (from b in db.BudgetLines.AsNoTracking()
                           join s in db.Stations on b.StationId equals s.Id
                           where b.Year == year
                           orderby s.Name, b.Name
                           select new { b, s.Name }).ToListAsync(cancellationToken);
        var rows = lines.Select(l => new BudgetLineRow(l.b.Id, l.b.StationId, l.Name, l.b.Year, l.b.Name, Yuan(l.b.BudgetedFen),
            Yuan(l.b.IncomeFen), Yuan(l.b.SpentFen), Yuan(l.b.BalanceFen))).ToList();
        return new FundingYear(year, rows.Sum(r => r.Budgeted), rows.Sum(r => r.Income), rows.Sum(r => r.Spent), rows.Sum(r => r.Balance), rows);
    }

    public async Task<Result<List<FundingEntryRow>>> Entries(Guid lineId, CancellationToken cancellationToken)
    {
        if (!await db.BudgetLines.AnyAsync(b => b.Id == lineId, cancellationToken))
        {
            return AppError.NotFound(localizer["Funding.LineNotFound"]);
        }

        var entries = await (from e in db.FundingEntries.AsNoTracking()
                             join a in db.Attachments on e.VoucherId equals a.Id
                             where e.BudgetLineId == lineId
                             orderby e.OccurredOn descending, e.RecordedAt descending
                             select new { e, a.FileName }).ToListAsync(cancellationToken);
        return entries.Select(x => new FundingEntryRow(x.e.Id, x.e.BudgetLineId, x.e.Direction, Yuan(x.e.AmountFen), x.e.OccurredOn,
            x.e.Description, x.e.VoucherId, x.FileName, x.e.RecordedAt)).ToList();
    }

    public async Task<Result<Guid>> Plan(BudgetLineInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var thisYear = Shanghai.Today(clock).Year;
        var v = new Validation(localizer)
            .Required("stationId", input.StationId)
            .Range("year", input.Year, 2017, thisYear + 1)
            .Line("name", input.Name, 100);
        CheckMoney(v, "budgeted", input.Budgeted, allowZero: true);
        if (input.StationId is { } stationId)
        {
            var kind = await db.Stations.Where(s => s.Id == stationId && s.IsActive).Select(s => (StationKind?)s.Kind).FirstOrDefaultAsync(cancellationToken);
            v.Check(kind == StationKind.SubStation, "stationId", "Funding.SubStationOnly");
        }

        if (v.IsValid && await db.BudgetLines.AnyAsync(b => b.StationId == input.StationId && b.Year == input.Year && b.Name == input.Name!.Trim(), cancellationToken))
        {
            v.Add("name", localizer["Funding.DuplicateLine"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var line = BudgetLine.Plan(input.StationId!.Value, input.Year!.Value, input.Name!, Fen(input.Budgeted!.Value), clock.GetUtcNow().UtcDateTime);
        db.BudgetLines.Add(line);
        await db.SaveChangesAsync(cancellationToken);
        return line.Id;
    }

    public async Task<Result<Guid>> Record(Guid lineId, FundingEntryInput input, UploadedFile? voucher, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var line = await db.BudgetLines.FirstOrDefaultAsync(b => b.Id == lineId, cancellationToken);
        if (line is null)
        {
            return AppError.NotFound(localizer["Funding.LineNotFound"]);
        }

        var v = new Validation(localizer)
            .Defined("direction", input.Direction)
            .Required("occurredOn", input.OccurredOn)
            .Text("description", input.Description, 200);
        CheckMoney(v, "amount", input.Amount, allowZero: false);
        if (input.OccurredOn is { } on)
        {
            v.Check(on.Year == line.Year && on <= Shanghai.Today(clock), "occurredOn", "Funding.DateOutsideYear", line.Year);
        }

        if (voucher is not null)
        {
            v.Check(Attachment.IsAcceptable(voucher.FileName, voucher.Content.LongLength), "voucherId", "Attachment.NotAcceptable",
                string.Join(' ', Attachment.AllowedExtensions), Attachment.MaxBytes / 1024 / 1024);
        }
        else if (input.VoucherId is null)
        {
            v.Add("voucherId", localizer["Validation.Required", localizer["Field.voucherId"]]);
        }
        else
        {
            v.Check(await db.Attachments.AnyAsync(a => a.Id == input.VoucherId && a.StationId == line.StationId, cancellationToken),
                "voucherId", "Inspection.UnknownEvidence");
        }

        if (v.IsValid && input.Direction == FundingDirection.Spending && Fen(input.Amount!.Value) > line.BalanceFen)
        {
            v.Add("amount", localizer["Funding.Overdraft", line.BalanceFen / 100m]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var voucherId = input.VoucherId;
        if (voucher is not null)
        {
            var attachment = Attachment.TryCreate(line.StationId, voucher.FileName, voucher.Content, user.UserId, now)!;
            db.Attachments.Add(attachment);
            voucherId = attachment.Id;
        }

        var entry = line.Record(input.Direction!.Value, Fen(input.Amount!.Value), input.OccurredOn!.Value, input.Description!, voucherId!.Value, user.UserId, now)!;
        db.FundingEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["Funding.Concurrent"]);
        }

        return entry.Id;
    }

    private void CheckMoney(Validation v, string field, decimal? amount, bool allowZero)
    {
        if (amount is null)
        {
            v.Add(field, localizer["Validation.Required", localizer["Field." + field]]);
        }
        else if (amount < 0 || (!allowZero && amount == 0) || amount > MaxYuan || decimal.Round(amount.Value, 2) != amount)
        {
            v.Add(field, localizer["Validation.Money", localizer["Field." + field]]);
        }
    }

    private static long Fen(decimal yuan) => (long)(yuan * 100m);

    private static decimal Yuan(long fen) => fen / 100m;
}
