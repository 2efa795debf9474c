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
    public async Task<IReadOnlyList<CatalogSummary>> Catalogues(CancellationToken cancellationToken) =>
        [.. (await CatalogAccess.Summaries(grains, await User())).OrderByDescending(s => s.CreatedAt)];

    public async Task<CatalogSummary?> Catalogue(string id, CancellationToken cancellationToken) =>
        await CatalogAccess.Summary(grains, await User(), id);

    public async Task<TitlePage?> Titles(string id, TitleQuery query, CancellationToken cancellationToken) =>
        await Catalogue(id, cancellationToken) is null ? null : await grains.GetGrain<ICatalogGrain>(id).GetTitles(query);

    public async Task<TitleView?> Title(string catalogId, string number, CancellationToken cancellationToken)
    {
        var user = await User();
        // (nor a title the catalogue has not started yet; a client sees the title and its report, not the farm's tasks)
        return await CatalogAccess.Title(grains, user, catalogId, number) is { } title
            ? new TitleView(title, await CatalogAccess.Tasks(grains, user, title))
            : null;
    }

    public async Task<FarmStatus> Status(CancellationToken cancellationToken) =>
        FarmClaims.IsStaff(await User())
            ? await grains.GetGrain<IFarmStatusGrain>(0).GetStatus()
            : throw new UnauthorizedAccessException("the farm's status is for the studio's admins and engineers");

    private async Task<ClaimsPrincipal> User() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<TitleReportView?> Report(TitleSnapshot title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(title);
        return title.ReportFile is { } file && await MayRead(file, cancellationToken) ? await TitleReports.Read(grains, title, media.OpenRead) : null;
    }

    public async Task<TitleOverview?> Overview(string overviewFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overviewFile);
        if (!await MayRead(overviewFile, cancellationToken))
        {
            return null;
        }

        using var stream = media.OpenRead(overviewFile);
        return stream is null || stream.Length > TitleOverview.MaxBytes ? null : TitleOverview.Read(stream);
    }

    // The same rule as a download: a client reads what its own catalogues made.
    private async Task<bool> MayRead(string path, CancellationToken cancellationToken) =>
        await FarmClaims.MayDownload(await User(), path, async id => (await Catalogue(id, cancellationToken))?.Client);
}
