using System.Security.Claims;

namespace RenderFarm.Grains;

/// <summary>
/// Who may see what, from a signed-in principal (a cookie or an API token, see the host's Security folder):
/// admins and engineers see every catalogue; a client sees its own client's catalogues and downloads only
/// what they made (under <c>renders/CATALOGUE/</c>). The API and the dashboard both ask here.
/// </summary>
public static class FarmClaims
{
    /// <summary>The claim holding a client account's client name.</summary>
    public const string Client = "renderfarm:client";

    /// <summary>The roles that may run the farm (submit, act, upload, browse, edit profiles, watch it), as ASP.NET role names.</summary>
    public const string Staff = "admin,engineer";

    public const string AdminRole = "admin";

    public static string RoleName(Role role) => role switch
    {
        Role.Admin => AdminRole,
        Role.Engineer => "engineer",
        _ => "client",
    };

    public static bool IsStaff(ClaimsPrincipal user) =>
        user is not null && (user.IsInRole(AdminRole) || user.IsInRole(RoleName(Role.Engineer)));

    /// <summary>Whether <paramref name="user"/> may see a catalogue made for <paramref name="client"/> (null: the studio's own).</summary>
    public static bool MaySee(ClaimsPrincipal user, string? client) =>
        IsStaff(user) || (client is not null && user?.FindFirst(Client)?.Value == client);

    /// <summary>
    /// Whether <paramref name="user"/> may download <paramref name="relativePath"/> of the media root: staff
    /// anything in it; a client a file under <c>renders/ID/</c> of a catalogue <paramref name="catalogueOf"/>
    /// says is its own (the id is looked up only for clients).
    /// </summary>
    public static async Task<bool> MayDownload(ClaimsPrincipal user, string relativePath, Func<string, Task<string?>> catalogueOf)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(catalogueOf);
        if (IsStaff(user))
        {
            return true;
        }

        var parts = relativePath.Replace('\\', '/').Split('/');
        if (parts.Length < 3 || parts[0] != "renders" || parts.Any(p => p is "" or "." or ".."))
        {
            return false;
        }

        var client = await catalogueOf(parts[1]);
        return client is not null && MaySee(user, client);
    }
}
