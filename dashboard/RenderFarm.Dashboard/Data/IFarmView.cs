using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Data;

/// <summary>What the dashboard reads of the farm: its catalogues and their titles.</summary>
public interface IFarmView
{
    /// <summary>Every catalogue (without its titles), newest first.</summary>
    Task<IReadOnlyList<CatalogSummary>> Catalogues(CancellationToken cancellationToken);

    /// <summary>One catalogue (without its titles), or null when there is none by that id.</summary>
    Task<CatalogSummary?> Catalogue(string id, CancellationToken cancellationToken);

    /// <summary>A page of a catalogue's titles, or null when there is no catalogue by that id.</summary>
    Task<TitlePage?> Titles(string id, TitleQuery query, CancellationToken cancellationToken);

    /// <summary>Title <paramref name="number"/> (0001...) of a catalogue with its tasks, or null when there is none.</summary>
    Task<TitleView?> Title(string catalogId, string number, CancellationToken cancellationToken);

    /// <summary>What the farm is doing now: silos, workers, the render queue, throughput, failures.</summary>
    Task<FarmStatus> Status(CancellationToken cancellationToken);

    /// <summary>A title's report (a master's with its deliverables, or an album's); null while it has none.</summary>
    Task<TitleReportView?> Report(TitleSnapshot title, CancellationToken cancellationToken);

    /// <summary>What the title page draws of a title: its overview.json (<see cref="TitleSnapshot.OverviewFile"/>), or null when it cannot be read.</summary>
    Task<TitleOverview?> Overview(string overviewFile, CancellationToken cancellationToken);
}
