namespace RenderFarm.Grains.Catalogs;

/// <summary>The persisted state of a <see cref="CatalogGrain"/>.</summary>
[GenerateSerializer]
public sealed class CatalogState
{
    /// <summary>The spec as state written before it had a state of its own kept it; moved on activation (<see cref="CatalogSpecState"/>).</summary>
    [Id(0)] public CatalogSpec? LegacySpec { get; set; }

    [Id(1)] public JobStatus Status { get; set; } = JobStatus.Queued;

    [Id(2)] public int Priority { get; set; }

    [Id(3)] public bool Paused { get; set; }

    [Id(6)] public DateTimeOffset? CreatedAt { get; set; }

    [Id(7)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>How many titles, the last in the catalogue's order, are still to be started (0 for a catalogue started whole).</summary>
    [Id(8)] public int NotStarted { get; set; }

    /// <summary>The catalogue was cancelled before those titles were started: they count as cancelled until a retry starts them.</summary>
    [Id(9)] public bool NotStartedCancelled { get; set; }

    /// <summary>The outbox of the webhook: the catalogue's end is to be told (written with the end, cleared once the webhook took it).</summary>
    [Id(10)] public bool WebhookDue { get; set; }

    /// <summary>The key every call about this end carries (the Idempotency-Key header).</summary>
    [Id(11)] public string? WebhookKey { get; set; }

    /// <summary>Calls made about this end so far.</summary>
    [Id(12)] public int WebhookTries { get; set; }
}
