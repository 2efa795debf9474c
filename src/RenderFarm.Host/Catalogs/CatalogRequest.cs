namespace RenderFarm.Host.Catalogs;

/// <summary>
/// A request to render a catalogue: sources in the media root (session documents, stereo mixes, or
/// folders of them), one profile (a delivery target's name or a profile document in the media root),
/// a priority 0-100, an optional webhook called when the catalogue ends, the client it is for, and for a
/// back catalogue whether folders are searched with their subfolders and how deliverables are named.
/// </summary>
public sealed record CatalogRequest
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Sources { get; init; }

    public string Profile { get; init; } = "spotify";

    public int Priority { get; init; } = 50;

    public string? Webhook { get; init; }

    /// <summary>Search source folders with their subfolders (a back catalogue's tree); symbolic links are not followed.</summary>
    public bool Recursive { get; init; }

    /// <summary>
    /// How the deliverables are named, e.g. <c>{format}/{artist}/{album}/{track:00} {title}</c> (see
    /// <c>NamingTemplate</c>), under <c>renders/CATALOGUE/delivery</c>; null keeps each title's own folder, or
    /// with <see cref="Recursive"/> the source tree (<c>{folder}/{name}</c>).
    /// </summary>
    public string? Naming { get; init; }

    /// <summary>A reference recording in the media root every title is mastered towards (tonal balance and loudness); null: none.</summary>
    public string? Reference { get; init; }

    /// <summary>How far towards the reference, 0 to 100 % (0 changes nothing).</summary>
    public double ReferenceAmount { get; init; } = 100;

    /// <summary>The client account the catalogue is for (its people may see it and download its deliverables); null: the studio's own.</summary>
    public string? Client { get; init; }
}
