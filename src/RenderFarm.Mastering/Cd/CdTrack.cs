namespace RenderFarm.Mastering.Cd;

/// <summary>A track of a <see cref="CdDisc"/>: its length from index 1 to the next track's pre-gap, its own pre-gap, ISRC and CD-Text.</summary>
public sealed record CdTrack
{
    /// <summary>From index 1 to the end of the track, in CD frames.</summary>
    public required long Frames { get; init; }

    /// <summary>Before index 1 (index 0 to index 1), in CD frames; at least 150 (2 s) on track 1.</summary>
    public long PregapFrames { get; init; }

    /// <summary>12 characters, no hyphens (e.g. GBAYE2600123).</summary>
    public string? Isrc { get; init; }

    public string? Title { get; init; }

    public string? Performer { get; init; }
}
