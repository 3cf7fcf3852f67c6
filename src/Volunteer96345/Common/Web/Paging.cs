using Microsoft.EntityFrameworkCore;

namespace Volunteer96345.Common.Web;

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

internal static class Paging
{
    public const int MaxPageSize = 200;

    /// <summary>The one paging helper: page numbers start at 1; sizes are clamped to 1..200.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
        var number = Math.Max(page ?? 1, 1);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<T>(items, total, number, size);
    }
}
