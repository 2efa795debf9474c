namespace RenderFarm.Host.Catalogs;

/// <summary>
/// A request to render a catalogue: sources in the media root (session documents, stereo mixes, or
/// folders of them), one profile (a delivery target's name or a profile document in the media root),
/// a priority 0-100, an optional webhook called when the catalogue ends, and the client it is for.
/// </summary>
public sealed record CatalogRequest
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Sources { get; init; }

    public string Profile { get; init; } = "spotify";

    public int Priority { get; init; } = 50;

    public string? Webhook { get; init; }

    /// <summary>The client account the catalogue is for (its people may see it and download its deliverables); null: the studio's own.</summary>
    public string? Client { get; init; }
}
