using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Volunteer96345.Data;

/// <summary>
/// The one way to lift the station scope for a query (decision 0004): <c>db.Volunteers.AcrossStations("dispatch ranks
/// every volunteer")</c>. The reason is required, so that every place that reads across stations can be found and
/// reviewed by searching for this name; <c>IgnoreQueryFilters</c> itself is banned in the app (BannedSymbols.App.txt).
/// It lifts the station filter of every entity in the query, as IgnoreQueryFilters does.
/// </summary>
internal static class StationScopeEscape
{
    public static IQueryable<T> AcrossStations<T>(this IQueryable<T> query, string why)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
#pragma warning disable RS0030 // the one permitted use
        return query.IgnoreQueryFilters();
#pragma warning restore RS0030
    }

    internal static readonly MethodInfo Method = typeof(StationScopeEscape).GetMethod(nameof(AcrossStations))!;

#pragma warning disable RS0030 // the one permitted use
    internal static readonly MethodInfo IgnoreFilters = typeof(EntityFrameworkQueryableExtensions)
        .GetMethod(nameof(EntityFrameworkQueryableExtensions.IgnoreQueryFilters), [typeof(IQueryable<>).MakeGenericType(Type.MakeGenericMethodParameter(0))])!;
#pragma warning restore RS0030
}

/// <summary>
/// Inside a compiled query (<c>EF.CompileAsyncQuery</c>) the context is a parameter, so <see cref="StationScopeEscape.AcrossStations"/>
/// cannot run before EF Core reads the expression; this turns each such call into EF's own IgnoreQueryFilters before
/// the query is translated.
/// </summary>
internal sealed class AcrossStationsInterceptor : ExpressionVisitor, IQueryExpressionInterceptor
{
    public static readonly AcrossStationsInterceptor Instance = new();

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) => Visit(queryExpression);

    protected override Expression VisitMethodCall(MethodCallExpression node) =>
        node.Method.IsGenericMethod && node.Method.GetGenericMethodDefinition() == StationScopeEscape.Method
            ? Expression.Call(StationScopeEscape.IgnoreFilters.MakeGenericMethod(node.Method.GetGenericArguments()), Visit(node.Arguments[0]))
            : base.VisitMethodCall(node);
}
