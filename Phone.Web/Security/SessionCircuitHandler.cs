using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Phone.Web.Security;

/// <summary>
/// An open interactive page outlives the requests whose cookie was checked: its circuit keeps
/// the principal it started with. So every event from the browser is checked against the stored
/// security stamp too; a page of an ended session does not run the event and is sent to the
/// login page (a full load, where the cookie check clears the cookie).
/// </summary>
internal sealed class SessionCircuitHandler(AuthenticationStateProvider authentication, AdminAccount account,
    NavigationManager navigation) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (await IsEndedAsync())
            {
                navigation.NavigateTo(SecurityHostingExtensions.LoginPath, forceLoad: true);
                return;
            }
            await next(context);
        };

    private async Task<bool> IsEndedAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        // HTTP Basic carries no session: its password is checked on every request it makes.
        if (AdminSession.IdOf(user) is null)
        {
            return false;
        }
        var stored = await account.ReadAsync(CancellationToken.None);
        return SessionStandings.Of(user, stored) == SessionStanding.Ended;
    }
}
