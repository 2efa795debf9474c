using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace RenderFarm.Host.Security;

/// <summary>
/// The sign-in page (<c>GET/POST /signin</c>) and sign-out (<c>POST /signout</c>): a plain form outside the
/// dashboard's circuit, since a cookie is set by an HTTP response. The form carries an antiforgery token;
/// where it returns to must be a path of this site.
/// </summary>
internal static class SignInPage
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/signin", (HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? denied) =>
            Page(context, antiforgery, returnUrl, denied is null ? null : "This account may not open that page. Sign in with another, or go back.", StatusCodes.Status200OK))
            .AllowAnonymous().WithName("SignInPage").ExcludeFromDescription();
        app.MapPost("/signin", SignIn).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SecurityHosting.SignInLimit).ExcludeFromDescription();
        app.MapPost("/signout", SignOut).DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> SignIn(HttpContext context, IAntiforgery antiforgery, Accounts accounts)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Page(context, antiforgery, null, "The form had expired: sign in again.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync();
        var returnUrl = Local(form["returnUrl"]);
        if (await accounts.SignIn(form["account"], form["password"]) is not { } account)
        {
            return Page(context, antiforgery, returnUrl, "The account or its password is wrong, or the account is locked for a while after failed sign-ins.", StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(Accounts.CookieScheme, Accounts.Principal(account, Accounts.CookieScheme), new AuthenticationProperties { IsPersistent = false });
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> SignOut(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        await context.SignOutAsync(Accounts.CookieScheme);
        return Results.LocalRedirect("/signin");
    }

    // Only a path of this site ("/x", not "//host", "/\host" or anything with a control character):
    // anything else returns to the dashboard's start.
    private static string Local(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) && !u.Any(char.IsControl) ? u : "/";

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var message = error is null ? string.Empty : $"<p role=\"alert\" class=\"error\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>Sign in - RenderFarm</title>
            <style>
            body { font-family: Roboto, Helvetica, Arial, sans-serif; margin: 0; background: #f5f5f5; color: #1f1f1f; }
            header { background: #3b2fb5; color: #fff; padding: 14px 24px; font-size: 1.25rem; }
            main { max-width: 360px; margin: 48px auto; background: #fff; padding: 24px 28px; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
            h1 { font-size: 1.4rem; margin: 0 0 16px; }
            label { display: block; margin: 14px 0 4px; font-weight: 500; }
            input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: 9px; font-size: 1rem; border: 1px solid #6b6b6b; border-radius: 4px; }
            button { margin-top: 20px; width: 100%; padding: 10px; font-size: 1rem; background: #3b2fb5; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
            button:focus-visible, input:focus-visible { outline: 3px solid #0a58a8; outline-offset: 2px; }
            .error { color: #b3001e; }
            </style>
            </head>
            <body>
            <header>RenderFarm</header>
            <main>
            <h1>Sign in</h1>
            {{message}}
            <form method="post" action="/signin">
            <input type="hidden" name="{{WebUtility.HtmlEncode(tokens.FormFieldName)}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}" />
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(Local(returnUrl))}}" />
            <label for="account">Account</label>
            <input id="account" name="account" type="text" autocomplete="username" autocapitalize="none" required autofocus />
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
            <button type="submit">Sign in</button>
            </form>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
