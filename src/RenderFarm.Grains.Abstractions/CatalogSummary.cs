namespace RenderFarm.Grains;

/// <summary>
/// A catalogue without its titles: status, counts by status, progress, when its first title started, and its
/// titles' loudness figures summed up; what a list of catalogues and a catalogue's header show, the same size for
/// 20 titles or 10,000.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CatalogSummary
{
    [Id(0)] public required string CatalogId { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public required JobStatus Status { get; init; }

    [Id(3)] public int Priority { get; init; }

    [Id(4)] public bool Paused { get; init; }

    /// <summary>The client account the catalogue is for; null: the studio's own.</summary>
    [Id(5)] public string? Client { get; init; }

    [Id(6)] public DateTimeOffset? CreatedAt { get; init; }

    [Id(7)] public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When its first title started (for the time left).</summary>
    [Id(8)] public DateTimeOffset? FirstStartedAt { get; init; }

    [Id(9)] public int Titles { get; init; }

    [Id(10)] public int Queued { get; init; }

    [Id(11)] public int Running { get; init; }

    [Id(12)] public int Succeeded { get; init; }

    [Id(13)] public int Failed { get; init; }

    [Id(14)] public int Cancelled { get; init; }

    /// <summary>The mean progress of the titles, 0 to 1 (an ended title counts as 1).</summary>
    [Id(15)] public double Progress { get; init; }

    /// <summary>The titles' loudness before and after, compliance and QC, over those that have figures.</summary>
    [Id(16)] public CatalogLoudness Loudness { get; init; } = new();

    public int Count(JobStatus status) => status switch
    {
        JobStatus.Queued => Queued,
        JobStatus.Running => Running,
        JobStatus.Succeeded => Succeeded,
        JobStatus.Failed => Failed,
        JobStatus.Cancelled => Cancelled,
        _ => 0,
    };

    /// <summary>The summary of a catalogue's snapshot (a farm's own grain makes it from what it keeps; the same figures).</summary>
    public static CatalogSummary Of(CatalogSnapshot catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return new CatalogSummary
        {
            CatalogId = catalogue.CatalogId,
            Name = catalogue.Name,
            Status = catalogue.Status,
            Priority = catalogue.Priority,
            Paused = catalogue.Paused,
            Client = catalogue.Client,
            CreatedAt = catalogue.CreatedAt,
            EndedAt = catalogue.EndedAt,
            FirstStartedAt = catalogue.Titles.Select(t => t.StartedAt).Where(s => s is not null).Min(),
            Titles = catalogue.Titles.Count,
            Queued = catalogue.Count(JobStatus.Queued),
            Running = catalogue.Count(JobStatus.Running),
            Succeeded = catalogue.Count(JobStatus.Succeeded),
            Failed = catalogue.Count(JobStatus.Failed),
            Cancelled = catalogue.Count(JobStatus.Cancelled),
            Progress = catalogue.Progress,
            Loudness = CatalogLoudness.Of(catalogue.Titles.Select(t => t.Loudness)),
        };
    }
}
