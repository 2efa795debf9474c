namespace RenderFarm.Mastering.Albums;

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
