using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace RenderFarm.Host.Security;

/// <summary>
/// An open dashboard asks each minute whether its account still stands as signed in (not removed, same role
/// and client); when not, the page loses its account at once rather than at its next reload.
/// </summary>
public sealed class AccountRevalidation(ILoggerFactory logger, Accounts accounts) : RevalidatingServerAuthenticationStateProvider(logger)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return accounts.StillValid(authenticationState.User);
    }
}
