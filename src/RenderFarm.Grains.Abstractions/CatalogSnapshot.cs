namespace RenderFarm.Grains;

/// <summary>A catalogue as it stands: status, counts of titles by status, and each title.</summary>
[GenerateSerializer, Immutable]
public sealed record CatalogSnapshot
{
    [Id(0)] public required string CatalogId { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public required JobStatus Status { get; init; }

    [Id(3)] public int Priority { get; init; }

    [Id(4)] public bool Paused { get; init; }

    [Id(5)] public IReadOnlyList<TitleSnapshot> Titles { get; init; } = [];

    [Id(6)] public DateTimeOffset? CreatedAt { get; init; }

    [Id(7)] public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The client account the catalogue is for; null: the studio's own (seen by engineers and admins only).</summary>
    [Id(8)] public string? Client { get; init; }

    public int Count(JobStatus status) => Titles.Count(t => t.Status == status);

    /// <summary>The mean progress of the titles, 0 to 1.</summary>
    public double Progress => Titles.Count == 0 ? 0 : Titles.Average(t => t.Status.IsFinal() ? 1.0 : t.Progress);
}
