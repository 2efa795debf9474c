using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Data;

/// <summary>
/// Reads the farm from its grains (the dashboard runs inside a silo), as the signed-in account may see it:
/// a client its own client's catalogues only (another's is, to it, not there), their titles without the
/// farm's tasks, and not the farm's status.
/// </summary>
public sealed class GrainFarmView(IGrainFactory grains, IMediaLibrary media, AuthenticationStateProvider authentication) : IFarmView
{
    public async Task<IReadOnlyList<CatalogSnapshot>> Catalogues(CancellationToken cancellationToken)
    {
        var user = await User();
        var ids = await grains.GetGrain<ICatalogIndexGrain>(0).List();
        var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICatalogGrain>(id).GetSnapshot()));
        return [.. snapshots.Where(s => FarmClaims.MaySee(user, s.Client)).OrderByDescending(s => s.CreatedAt)];
    }

    public async Task<CatalogSnapshot?> Catalogue(string id, CancellationToken cancellationToken)
    {
        var ids = await grains.GetGrain<ICatalogIndexGrain>(0).List();
        if (!ids.Contains(id, StringComparer.Ordinal))
        {
            return null;
        }

        var catalogue = await grains.GetGrain<ICatalogGrain>(id).GetSnapshot();
        return FarmClaims.MaySee(await User(), catalogue.Client) ? catalogue : null;
    }

    public async Task<TitleView?> Title(string catalogId, string number, CancellationToken cancellationToken)
    {
        var titleId = $"{catalogId}/{number}";
        if (await Catalogue(catalogId, cancellationToken) is not { } catalogue || !catalogue.Titles.Any(t => t.TitleId == titleId))
        {
            return null;
        }

        // A client sees the title and its report, not the farm's tasks (workers, attempts, their logs).
        var title = await grains.GetGrain<ITitleGrain>(titleId).GetSnapshot();
        var tasks = FarmClaims.IsStaff(await User()) ? await Task.WhenAll(title.Tasks.Select(id => grains.GetGrain<IRenderTaskGrain>(id).GetSnapshot())) : [];
        return new TitleView(title, tasks);
    }

    public async Task<FarmStatus> Status(CancellationToken cancellationToken) =>
        FarmClaims.IsStaff(await User())
            ? await grains.GetGrain<IFarmStatusGrain>(0).GetStatus()
            : throw new UnauthorizedAccessException("the farm's status is for the studio's admins and engineers");

    private async Task<ClaimsPrincipal> User() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<TitleOverview?> Overview(TaskOutput overview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overview);
        // The same rule as a download: a client reads what its own catalogues made.
        var user = await User();
        if (!await FarmClaims.MayDownload(user, overview.Path, async id => (await Catalogue(id, cancellationToken))?.Client))
        {
            return null;
        }

        using var stream = media.OpenRead(overview.Path);
        return stream is null || stream.Length > TitleOverview.MaxBytes ? null : TitleOverview.Read(stream);
    }
}
