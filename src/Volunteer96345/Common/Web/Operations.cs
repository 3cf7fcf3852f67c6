using Volunteer96345.Common.Auth;

namespace Volunteer96345.Common.Web;

/// <summary>
/// Runs one use case in a fresh DI scope (so a fresh DbContext) on behalf of the circuit's user.
/// A Blazor circuit lives for minutes; a DbContext must live for one unit of work, as it does for an HTTP request.
/// </summary>
internal sealed class Operations(IServiceScopeFactory scopes, CurrentUser currentUser)
{
    public async Task<TResult> Run<THandler, TResult>(Func<THandler, Task<TResult>> operation)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().CopyFrom(currentUser);
        return await operation(scope.ServiceProvider.GetRequiredService<THandler>());
    }
}
