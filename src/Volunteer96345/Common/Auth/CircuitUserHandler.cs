using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Volunteer96345.Common.Auth;

/// <summary>Keeps <see cref="CurrentUser"/> of a Blazor circuit in step with its authentication state.</summary>
internal sealed class CircuitUserHandler(AuthenticationStateProvider authentication, CurrentUser currentUser)
    : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        return UpdateAsync(authentication.GetAuthenticationStateAsync());
    }

    private void OnChanged(Task<AuthenticationState> task) => _ = UpdateAsync(task);

    private async Task UpdateAsync(Task<AuthenticationState> task)
    {
        var state = await task;
        currentUser.Set(state.User);
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
