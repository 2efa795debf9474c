namespace RenderFarm.Contracts;

/// <summary>
/// Command: master the album whose document is <see cref="AlbumPath"/> (its songs' paths relative to it) with
/// <see cref="Profile"/> into <see cref="OutputDirectory"/>: the songs, the track files, the disc and
/// album-report.json. Paths are relative to the media root.
/// </summary>
public sealed record MasterAlbum
{
    public required string TaskId { get; init; }

    public required int Attempt { get; init; }

    /// <summary>The album document.</summary>
    public required string AlbumPath { get; init; }

    /// <summary>A delivery target's name or a profile document's path.</summary>
    public required string Profile { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>The time written into the masters' BWF headers (fixed, so every attempt gives the same bytes).</summary>
    public required DateTimeOffset Origination { get; init; }

    /// <summary>The catalogue's reference, for an album whose document names none; null: none.</summary>
    public ReferenceRecording? Reference { get; init; }
}
