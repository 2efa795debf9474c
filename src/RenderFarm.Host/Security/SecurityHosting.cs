using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using RenderFarm.Grains;
using RenderFarm.Host.Api;
using RenderFarm.Host.Hosting;

namespace RenderFarm.Host.Security;

/// <summary>
/// Who may use the farm. Everything but the sign-in page, <c>/healthz</c> and the dashboard's static files
/// needs a signed-in account: people by the sign-in page (a cookie: HTTP-only, SameSite=Strict, sliding),
/// scripts by an API token (<c>Authorization: Bearer</c>). Running the farm (submitting, acting on
/// catalogues, uploads, profiles, the farm's status) needs the admin or engineer role; accounts need
/// admin; a client reads its own client's catalogues and their deliverables only (see <see cref="FarmClaims"/>).
/// </summary>
public static class SecurityHosting
{
    /// <summary>The policy of the endpoints that run the farm.</summary>
    public const string Staff = "staff";

    public const string Admin = "admin";

    public const string CookieName = "renderfarm";

    /// <summary>The rate limit of the two ways to sign in.</summary>
    public const string SignInLimit = "signin";

    public static WebApplicationBuilder AddFarmSecurity(this WebApplicationBuilder builder, FarmOptions farm)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(farm);
        builder.Services.AddSingleton<Accounts>();
        builder.Services.AddHostedService<AccountBootstrap>();
        builder.Services.AddDataProtection().SetApplicationName("renderfarm");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new GrainKeyRing(sp.GetRequiredService<IGrainFactory>())));
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = "farm";
                o.DefaultChallengeScheme = "farm";
            })
            .AddPolicyScheme("farm", "cookie or token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? Accounts.TokenScheme : Accounts.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(Accounts.TokenScheme, null)
            .AddCookie(Accounts.CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(farm.SignInHours);
                o.SlidingExpiration = true;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/signin";
                o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = async context =>
                {
                    // An account removed, or given another role or client, loses its sign-ins at once.
                    if (context.Principal is null || !await context.HttpContext.RequestServices.GetRequiredService<Accounts>().StillValid(context.Principal))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(Accounts.CookieScheme);
                    }
                };
            });
        // Sign-ins (a PBKDF2 each) per client address and minute: guesses and CPU both bounded.
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = farm.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Staff, p => p.RequireRole(FarmClaims.Staff.Split(',')))
            .AddPolicy(Admin, p => p.RequireRole(FarmClaims.AdminRole));
        return builder;
    }

    // The API answers 401/403; a page is sent to the sign-in page (with where it was going).
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(status == StatusCodes.Status403Forbidden ? "/signin?denied=1" : context.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication MapFarmSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(RefuseCrossSiteWrites);
        app.MapGet("/healthz", async (IGrainFactory grains) => await grains.GetGrain<IAccountsGrain>(0).Any() ? Results.Text("ok") : Results.Text("starting", statusCode: 503))
            .AllowAnonymous().WithName("Health");
        SignInPage.Map(app);

        var api = app.MapGroup("/api");
        api.MapPost("/signin/token", SignInForToken).AllowAnonymous().RequireRateLimiting(SignInLimit).WithName("SignInForToken");
        api.MapGet("/me", (ClaimsPrincipal user) => new { name = user.Identity!.Name, role = user.FindFirst(ClaimTypes.Role)?.Value, client = user.FindFirst(FarmClaims.Client)?.Value, via = user.Identity.AuthenticationType }).WithName("Me");
        api.MapGet("/tokens", ListTokens).WithName("ListTokens");
        api.MapPost("/tokens", CreateToken).WithName("CreateToken");
        api.MapDelete("/tokens/{id}", RevokeToken).WithName("RevokeToken");
        api.MapGet("/accounts", async (IGrainFactory grains, TimeProvider time) => (await grains.GetGrain<IAccountsGrain>(0).List()).Select(a => AccountView.Of(a, time.GetUtcNow())))
            .RequireAuthorization(Admin).WithName("ListAccounts");
        api.MapPost("/accounts", CreateAccount).RequireAuthorization(Admin).WithName("CreateAccount");
        api.MapDelete("/accounts/{name}", RemoveAccount).RequireAuthorization(Admin).WithName("RemoveAccount");
        api.MapPut("/accounts/{name}/password", ChangePassword).WithName("ChangePassword");
        return app;
    }

    private const double MaxTokenDays = 3650;

    // SameSite=Strict keeps the cookie from other sites, but another port of the same host (a broker's web
    // console, another app) is the same site: a write to the API signed by the cookie must also come from
    // this origin (Origin, or Sec-Fetch-Site, which browsers send; a script with its own cookie sends neither).
    private static Task RefuseCrossSiteWrites(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && request.Headers.Authorization.Count == 0 && request.Cookies.ContainsKey(CookieName))
        {
            var origin = request.Headers.Origin.ToString();
            var site = request.Headers["Sec-Fetch-Site"].ToString();
            var sameOrigin = origin.Length > 0
                ? string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
                : site.Length == 0 || site is "same-origin" or "none";
            if (!sameOrigin)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return context.Response.WriteAsJsonAsync(new { title = "forbidden", detail = "a write signed by the dashboard's cookie must come from the dashboard's own origin", status = 403 });
            }
        }

        return next();
    }

    /// <summary>How long a token lasts when the request does not say.</summary>
    public const double DefaultTokenDays = 90;

    private static async Task<IResult> SignInForToken(TokenSignIn request, Accounts accounts)
    {
        if ((Label(request.Label) ?? Days(request.Days)) is { } problem)
        {
            return problem;
        }

        if (await accounts.SignIn(request.Account, request.Password) is not { } account)
        {
            return Results.Problem("the account or its password is wrong, or the account is locked for a while after failed sign-ins", statusCode: StatusCodes.Status401Unauthorized, title: "not signed in");
        }

        var (token, text) = await accounts.NewToken(account.Name, request.Label ?? "script", Lifetime(request.Days));
        return Results.Created($"/api/tokens/{token.Id}", TokenView.Of(token, text));
    }

    private static async Task<IResult> CreateToken(TokenRequest request, ClaimsPrincipal user, Accounts accounts, IGrainFactory grains)
    {
        // A token does not make tokens: a leaked one could otherwise outlive its own revocation.
        if (user.Identity?.AuthenticationType == Accounts.TokenScheme)
        {
            return Results.Problem("an API token cannot make tokens: sign in with the password (POST /api/signin/token) or on the dashboard", statusCode: StatusCodes.Status403Forbidden, title: "forbidden");
        }

        var owner = request.Account ?? user.Identity!.Name!;
        if (owner != user.Identity!.Name && !user.IsInRole(FarmClaims.AdminRole))
        {
            return Results.Problem($"only an admin makes tokens for another account", statusCode: StatusCodes.Status403Forbidden, title: "forbidden");
        }

        if ((Label(request.Label) ?? Days(request.Days)) is { } problem)
        {
            return problem;
        }

        if (await grains.GetGrain<IAccountsGrain>(0).Find(owner) is null)
        {
            return FarmApi.Problem("account", $"there is no account '{owner}'");
        }

        var (token, text) = await accounts.NewToken(owner, request.Label ?? "script", Lifetime(request.Days));
        return Results.Created($"/api/tokens/{token.Id}", TokenView.Of(token, text));
    }

    private static async Task<IEnumerable<TokenView>> ListTokens(ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetGrain<IAccountsGrain>(0).Tokens())
            .Where(t => user.IsInRole(FarmClaims.AdminRole) || t.Account == user.Identity!.Name)
            .Select(t => TokenView.Of(t));

    private static async Task<IResult> RevokeToken(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var accounts = grains.GetGrain<IAccountsGrain>(0);
        if (await accounts.FindToken(id) is not { } token || (token.Account != user.Identity!.Name && !user.IsInRole(FarmClaims.AdminRole)))
        {
            return Results.NotFound();
        }

        await accounts.RemoveToken(id);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateAccount(AccountRequest request, IGrainFactory grains, Accounts accounts, TimeProvider time)
    {
        if (!AccountName.IsValid(request.Name))
        {
            return FarmApi.Problem("name", $"'{request.Name}' is not an account name ({AccountName.Rule})");
        }

        if (request.Role is not { } role || !Enum.IsDefined(role))
        {
            return FarmApi.Problem("role", "is required: Admin, Engineer or Client");
        }

        if ((role == Role.Client) != (request.Client is not null))
        {
            return FarmApi.Problem("client", role == Role.Client ? "is required for a client account" : "is for client accounts only");
        }

        if (request.Client is not null && !AccountName.IsValid(request.Client))
        {
            return FarmApi.Problem("client", $"'{request.Client}' is not a client name ({AccountName.Rule})");
        }

        if (Secrets.PasswordProblem(request.Password) is { } weak)
        {
            return FarmApi.Problem("password", weak);
        }

        var account = accounts.NewAccount(request.Name!, role, request.Client, request.Password!);
        return await grains.GetGrain<IAccountsGrain>(0).Add(account)
            ? Results.Created($"/api/accounts/{account.Name}", AccountView.Of(account, time.GetUtcNow()))
            : Results.Problem($"there is an account '{account.Name}' already", statusCode: StatusCodes.Status409Conflict, title: "conflict", extensions: new Dictionary<string, object?> { ["field"] = "name" });
    }

    private static async Task<IResult> RemoveAccount(string name, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (name == user.Identity!.Name)
        {
            return FarmApi.Problem("name", "an admin does not remove their own account (another admin may)");
        }

        return await grains.GetGrain<IAccountsGrain>(0).Remove(name) ? Results.NoContent() : Results.NotFound();
    }

    // One's own password needs the current one (a stolen cookie or token is not enough); an admin sets
    // anyone else's without it. Either way every sign-in of the account ends and its tokens are revoked.
    private static async Task<IResult> ChangePassword(string name, PasswordChange request, ClaimsPrincipal user, Accounts accounts)
    {
        var own = name == user.Identity!.Name;
        if (!own && !user.IsInRole(FarmClaims.AdminRole))
        {
            return Results.Problem("only an admin changes another account's password", statusCode: StatusCodes.Status403Forbidden, title: "forbidden");
        }

        if (Secrets.PasswordProblem(request.Password) is { } weak)
        {
            return FarmApi.Problem("password", weak);
        }

        if (own && await accounts.SignIn(name, request.Current) is null)
        {
            return FarmApi.Problem("current", "is not this account's password (or the account is locked for a while)");
        }

        return await accounts.SetPassword(name, request.Password!) ? Results.NoContent() : Results.NotFound();
    }

    private static IResult? Label(string? label) =>
        label is { Length: 0 or > 100 } ? FarmApi.Problem("label", "must have 1 to 100 characters") : null;

    private static IResult? Days(double? days) =>
        days is { } d && !(d > 0 && d <= MaxTokenDays) ? FarmApi.Problem("days", $"{d} is out of range: a token lasts more than 0 and at most {MaxTokenDays} days") : null;

    private static TimeSpan Lifetime(double? days) => TimeSpan.FromDays(days ?? DefaultTokenDays);
}
