using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RenderFarm.Host.Security;

/// <summary>API tokens: <c>Authorization: Bearer rf_ID_SECRET</c>. A request without the header is not this scheme's; a wrong token fails.</summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Accounts accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var account = await accounts.Authenticate(header["Bearer ".Length..].Trim());
        return account is null
            ? AuthenticateResult.Fail("the API token is unknown, revoked or expired")
            : AuthenticateResult.Success(new AuthenticationTicket(Accounts.Principal(account, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"renderfarm\"";
        return Task.CompletedTask;
    }
}
