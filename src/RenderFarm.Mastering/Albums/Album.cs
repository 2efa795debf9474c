namespace RenderFarm.Mastering.Albums;

/// <summary>How an album's songs are brought to the target.</summary>
public enum AlbumLoudnessMode
{
    /// <summary>One gain offset for the whole album from its integrated loudness: the songs keep their loudness relative to one another.</summary>
    Album,

    /// <summary>Every song to the target on its own: a ballad comes out as loud as the single.</summary>
    Track,
}

/// <summary>
/// An album to master: its songs in running order, each with the gap before it or a crossfade into it,
/// and what the disc and the streaming files say about it (title, artist, year, UPC/EAN).
/// </summary>
public sealed record Album
{
    public const int MaxSongs = 99;
    public const double MaxGapSeconds = 60;
    public const double MaxCrossfadeSeconds = 30;

    /// <summary>The gap before a song (its pre-gap on the disc) when the song does not give one.</summary>
    public const double DefaultGapSeconds = 2.0;

    public string? Title { get; init; }

    public string? Artist { get; init; }

    public int? Year { get; init; }

    /// <summary>UPC-A or EAN-13 of the release: the disc's catalogue number and every file's BARCODE.</summary>
    public string? Upc { get; init; }

    public AlbumLoudnessMode Mode { get; init; } = AlbumLoudnessMode.Album;

    /// <summary>
    /// A recording to master the album towards: one correction from the album's tonal balance (its songs'
    /// spectra averaged) to the reference's, the same for every song so they keep their differences, and the
    /// album's loudness moved towards the reference's, both by <see cref="ReferenceTrack.AmountPercent"/>.
    /// </summary>
    public ReferenceTrack? Reference { get; init; }

    public required IReadOnlyList<AlbumSong> Songs { get; init; }

    /// <summary>The songs that are tracks of the disc and files of the streaming release (all but a hidden track).</summary>
    public IReadOnlyList<AlbumSong> Tracks => Songs.Where(s => !s.Hidden).ToArray();
}

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
