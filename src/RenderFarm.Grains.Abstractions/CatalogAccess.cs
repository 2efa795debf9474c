using System.Globalization;
using System.Security.Claims;

namespace RenderFarm.Grains;

/// <summary>
/// The catalogues, titles and tasks a signed-in principal may read, asked of the grains by the HTTP API and the
/// dashboard alike (<see cref="FarmClaims"/> says who may see what): a catalogue another client's account asks
/// for is, to it, not there; only the catalogue index's own catalogues are asked (asking a catalogue or title
/// grain that was never given a spec would make one).
/// </summary>
public static class CatalogAccess
{
    /// <summary>Whether <paramref name="catalogId"/> is a catalogue of the farm.</summary>
    public static async Task<bool> Exists(IGrainFactory grains, string catalogId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return (await grains.GetGrain<ICatalogIndexGrain>(0).List()).Contains(catalogId, StringComparer.Ordinal);
    }

    /// <summary>The summaries of every catalogue <paramref name="user"/> may see, in the index's order.</summary>
    public static async Task<IReadOnlyList<CatalogSummary>> Summaries(IGrainFactory grains, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var ids = await grains.GetGrain<ICatalogIndexGrain>(0).List();
        var summaries = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICatalogGrain>(id).GetSummary()));
        return [.. summaries.Where(s => FarmClaims.MaySee(user, s.Client))];
    }

    /// <summary>The catalogue's summary when it exists and <paramref name="user"/> may see it; else null.</summary>
    public static async Task<CatalogSummary?> Summary(IGrainFactory grains, ClaimsPrincipal user, string catalogId)
    {
        if (!await Exists(grains, catalogId))
        {
            return null;
        }

        var summary = await grains.GetGrain<ICatalogGrain>(catalogId).GetSummary();
        return FarmClaims.MaySee(user, summary.Client) ? summary : null;
    }

    /// <summary>
    /// Title <paramref name="number"/> (<c>0001</c>...) of a catalogue <paramref name="user"/> may see, once the
    /// catalogue has started it; else null.
    /// </summary>
    public static async Task<TitleSnapshot?> Title(IGrainFactory grains, ClaimsPrincipal user, string catalogId, string number)
    {
        var titleId = $"{catalogId}/{number}";
        return await Summary(grains, user, catalogId) is { } catalogue
            && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && n <= catalogue.Titles && TaskIds.Title(catalogId, n - 1) == titleId
                ? await grains.GetGrain<ITitleGrain>(titleId).Find()
                : null;
    }

    /// <summary>The title's tasks (workers, attempts, their logs) for the studio's staff; none for a client.</summary>
    public static async Task<IReadOnlyList<RenderTaskSnapshot>> Tasks(IGrainFactory grains, ClaimsPrincipal user, TitleSnapshot title)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(title);
        return FarmClaims.IsStaff(user) ? await Task.WhenAll(title.Tasks.Select(id => grains.GetGrain<IRenderTaskGrain>(id).GetSnapshot())) : [];
    }
}
