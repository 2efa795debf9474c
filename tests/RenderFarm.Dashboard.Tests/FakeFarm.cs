using RenderFarm.Contracts.Reports;
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

    public Dictionary<string, TitleView> TitleViews { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TitleOverview> Overviews { get; } = new(StringComparer.Ordinal);

    public FarmStatus FarmStatus { get; set; } = new();

    public Task<FarmStatus> Status(CancellationToken cancellationToken) =>
        Unreachable ? throw new TimeoutException("silo-1 did not answer") : Task.FromResult(FarmStatus);

    /// <summary>Report files' JSON by their path (read as the farm reads them).</summary>
    public Dictionary<string, string> ReportFiles { get; } = new(StringComparer.Ordinal);

    public Task<TitleReportView?> Report(TitleSnapshot title, CancellationToken cancellationToken)
    {
        var view = title.ReportFile is { } file && ReportFiles.TryGetValue(file, out var json)
            ? file.EndsWith("album-report.json", StringComparison.Ordinal) ? new TitleReportView(null, ReportJson.ReadAlbum(json)) : new TitleReportView(ReportJson.ReadMaster(json), null)
            : null;
        if (title.RestoreReportFile is { } restore && ReportFiles.TryGetValue(restore, out var repairs))
        {
            view = (view ?? new TitleReportView(null, null)) with { Restore = ReportJson.ReadRestoration(repairs) };
        }

        return Task.FromResult(view);
    }

    /// <summary>Overviews by the path of their overview.json.</summary>
    public Task<TitleOverview?> Overview(string overviewFile, CancellationToken cancellationToken) =>
        Task.FromResult(Overviews.GetValueOrDefault(overviewFile));

    public Task<TitleView?> Title(string catalogId, string number, CancellationToken cancellationToken) =>
        Unreachable ? throw new TimeoutException("silo-1 did not answer") : Task.FromResult(TitleViews.GetValueOrDefault($"{catalogId}/{number}"));

    // (summaries and pages made from the test's catalogues as a catalogue grain makes them)
    public Task<IReadOnlyList<CatalogSummary>> Catalogues(CancellationToken cancellationToken) =>
        Unreachable ? throw new TimeoutException("silo-1 did not answer") : Task.FromResult<IReadOnlyList<CatalogSummary>>([.. _catalogues.Select(CatalogSummary.Of)]);

    public Task<CatalogSummary?> Catalogue(string id, CancellationToken cancellationToken) =>
        Unreachable ? throw new TimeoutException("silo-1 did not answer") : Task.FromResult(_catalogues.FirstOrDefault(c => c.CatalogId == id) is { } c ? CatalogSummary.Of(c) : null);

    public Task<TitlePage?> Titles(string id, TitleQuery query, CancellationToken cancellationToken) =>
        Unreachable ? throw new TimeoutException("silo-1 did not answer") : Task.FromResult(_catalogues.FirstOrDefault(c => c.CatalogId == id) is { } c ? query.Page(c.Titles) : null);

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
