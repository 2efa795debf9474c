namespace RenderFarm.Mastering.Albums;

/// <summary>What an album job did: the loudness plan in both modes, each song against the album, the disc and the files.</summary>
public sealed record AlbumReport
{
    public required AlbumLoudnessMode Mode { get; init; }

    /// <summary>The profile's delivery target (spotify, cd...).</summary>
    public string? TargetName { get; init; }

    /// <summary>The album's target (the profile's, moved towards a reference's loudness by its amount; null: no loudness target, levels kept).</summary>
    public double? TargetLufs { get; init; }

    public required double CeilingDbtp { get; init; }

    /// <summary>Album mode: the one offset from each mix's loudness to its master's (the target minus the album's loudness as mixed, corrected by what the masters measured).</summary>
    public double? AlbumOffsetDb { get; init; }

    /// <summary>The album's integrated loudness as mixed (its tracks' mixes, one pair of gates over all their blocks).</summary>
    public required double InputAlbumLufs { get; init; }

    /// <summary>The album's integrated loudness over its tracks' masters (one pair of gates over all their blocks; a hidden track not counted), measured.</summary>
    public required double AlbumLufs { get; init; }

    /// <summary>The album's loudness in album mode: measured when that is the mode, otherwise estimated from the masters' blocks moved by the other mode's gains.</summary>
    public double? AlbumModeAlbumLufs { get; init; }

    /// <summary>The album's loudness in track mode, measured or estimated as <see cref="AlbumModeAlbumLufs"/>.</summary>
    public double? TrackModeAlbumLufs { get; init; }

    public required double AlbumTruePeakDbtp { get; init; }

    /// <summary>Loudest minus quietest song, in LU.</summary>
    public required double SpreadLu { get; init; }

    /// <summary>How many times the songs were limited (album mode aims again when the album's measured loudness misses the target by more than 0.05 LU).</summary>
    public required int Rounds { get; init; }

    /// <summary>Why the album is not on its target when a song's dynamics floor decided its level; null otherwise.</summary>
    public string? Note { get; init; }

    public required IReadOnlyList<AlbumSongReport> Songs { get; init; }

    /// <summary>The album-wide match to a reference recording (one curve for every song), if the album has one.</summary>
    public ReferenceMatchReport? Reference { get; init; }

    public AlbumDiscReport? Disc { get; init; }

    public required IReadOnlyList<DeliverableReport> Tracks { get; init; }

    public IReadOnlyDictionary<string, double> TimingsSeconds { get; init; } = new Dictionary<string, double>();
}
