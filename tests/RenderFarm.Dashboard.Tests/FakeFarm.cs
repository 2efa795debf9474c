using RenderFarm.Dashboard.Data;
using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Tests;

/// <summary>A farm the test sets the state of; it can be made to fail like an unreachable silo.</summary>
internal sealed class FakeFarm : IFarmView
{
    private volatile IReadOnlyList<CatalogSnapshot> _catalogues = [];

    public IReadOnlyList<CatalogSnapshot> Catalogs
    {
        get => _catalogues;
        set => _catalogues = value;
    }

    public volatile bool Unreachable;

    public Dictionary<string, TitleView> Titles { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TitleOverview> Overviews { get; } = new(StringComparer.Ordinal);

    public FarmStatus FarmStatus { get; set; } = new();

    public Task<FarmStatus> Status(CancellationToken cancellationToken) =>
        Unreachable ? throw new TimeoutException("silo-1 did not answer") : Task.FromResult(FarmStatus);

    /// <summary>Overviews by the path of their overview.json.</summary>
    public Task<TitleOverview?> Overview(TaskOutput overview, CancellationToken cancellationToken) =>
        Task.FromResult(Overviews.GetValueOrDefault(overview.Path));

    public Task<TitleView?> Title(string catalogId, string number, CancellationToken cancellationToken) =>
        Unreachable ? throw new TimeoutException("silo-1 did not answer") : Task.FromResult(Titles.GetValueOrDefault($"{catalogId}/{number}"));

    public Task<IReadOnlyList<CatalogSnapshot>> Catalogues(CancellationToken cancellationToken) =>
        Unreachable ? throw new TimeoutException("silo-1 did not answer") : Task.FromResult(_catalogues);

    public Task<CatalogSnapshot?> Catalogue(string id, CancellationToken cancellationToken) =>
        Unreachable ? throw new TimeoutException("silo-1 did not answer") : Task.FromResult(_catalogues.FirstOrDefault(c => c.CatalogId == id));

    public static CatalogSnapshot Catalog(string id, string name, params TitleSnapshot[] titles) => new()
    {
        CatalogId = id,
        Name = name,
        Status = titles.All(t => t.Status == JobStatus.Succeeded) ? JobStatus.Succeeded : JobStatus.Running,
        Priority = 50,
        Titles = titles,
        CreatedAt = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero),
    };

    public static TitleSnapshot Title(string catalogId, int number, string source, JobStatus status, TitleStage stage, double progress, string? error = null) => new()
    {
        TitleId = $"{catalogId}/{number:0000}",
        CatalogId = catalogId,
        Spec = new TitleSpec { Kind = source.EndsWith(".json", StringComparison.Ordinal) ? TitleKind.Session : TitleKind.Mix, Source = source, Profile = "spotify", OutputDirectory = "out" },
        Status = status,
        Stage = stage,
        Progress = progress,
        Error = error,
    };
}
