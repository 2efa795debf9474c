using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Data;

/// <summary>Reads the farm from its grains (the dashboard runs inside a silo).</summary>
public sealed class GrainFarmView(IGrainFactory grains, IMediaLibrary media) : IFarmView
{
    public async Task<IReadOnlyList<CatalogSnapshot>> Catalogues(CancellationToken cancellationToken)
    {
        var ids = await grains.GetGrain<ICatalogIndexGrain>(0).List();
        var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICatalogGrain>(id).GetSnapshot()));
        return [.. snapshots.OrderByDescending(s => s.CreatedAt)];
    }

    public async Task<CatalogSnapshot?> Catalogue(string id, CancellationToken cancellationToken)
    {
        var ids = await grains.GetGrain<ICatalogIndexGrain>(0).List();
        return ids.Contains(id, StringComparer.Ordinal) ? await grains.GetGrain<ICatalogGrain>(id).GetSnapshot() : null;
    }

    public async Task<TitleView?> Title(string catalogId, string number, CancellationToken cancellationToken)
    {
        var titleId = $"{catalogId}/{number}";
        if (await Catalogue(catalogId, cancellationToken) is not { } catalogue || !catalogue.Titles.Any(t => t.TitleId == titleId))
        {
            return null;
        }

        var title = await grains.GetGrain<ITitleGrain>(titleId).GetSnapshot();
        var tasks = await Task.WhenAll(title.Tasks.Select(id => grains.GetGrain<IRenderTaskGrain>(id).GetSnapshot()));
        return new TitleView(title, tasks);
    }

    public Task<FarmStatus> Status(CancellationToken cancellationToken) => grains.GetGrain<IFarmStatusGrain>(0).GetStatus();

    public Task<TitleOverview?> Overview(TaskOutput overview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overview);
        using var stream = media.OpenRead(overview.Path);
        return Task.FromResult(stream is null || stream.Length > TitleOverview.MaxBytes ? null : TitleOverview.Read(stream));
    }
}
