namespace RenderFarm.Mastering.Albums;

/// <summary>One song of an <see cref="Album"/>.</summary>
public sealed record AlbumSong
{
    /// <summary>The mix to master.</summary>
    public required string Path { get; init; }

    public string? Title { get; init; }

    /// <summary>The song's artist where it is not the album's.</summary>
    public string? Artist { get; init; }

    public string? Isrc { get; init; }

    /// <summary>Silence before the song (its pre-gap); null takes <see cref="Album.DefaultGapSeconds"/>. Track 1 has at least 2 s.</summary>
    public double? GapSeconds { get; init; }

    /// <summary>When above 0, the song starts this long before the previous one ends, the two crossfaded (a segue; no gap).</summary>
    public double CrossfadeSeconds { get; init; }

    /// <summary>A hidden track: only the first song may be one; it plays in track 1's pre-gap on the disc (rewind from track 1) and is not a streaming file.</summary>
    public bool Hidden { get; init; }
}
