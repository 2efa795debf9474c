using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Data;

/// <summary>What the dashboard reads of the farm: its catalogues and their titles.</summary>
public interface IFarmView
{
    /// <summary>Every catalogue, newest first.</summary>
    Task<IReadOnlyList<CatalogSnapshot>> Catalogues(CancellationToken cancellationToken);

    /// <summary>One catalogue, or null when there is none by that id.</summary>
    Task<CatalogSnapshot?> Catalogue(string id, CancellationToken cancellationToken);

    /// <summary>Title <paramref name="number"/> (0001...) of a catalogue with its tasks, or null when there is none.</summary>
    Task<TitleView?> Title(string catalogId, string number, CancellationToken cancellationToken);

    /// <summary>What the farm is doing now: silos, workers, the render queue, throughput, failures.</summary>
    Task<FarmStatus> Status(CancellationToken cancellationToken);

    /// <summary>What the title page draws of a title: its overview.json (see <see cref="TitleOverview.OutputOf"/>), or null when it cannot be read.</summary>
    Task<TitleOverview?> Overview(TaskOutput overview, CancellationToken cancellationToken);
}
