using RenderFarm.Mastering.Cd;
using RenderFarm.Mastering.Metadata;

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

/// <summary>One song against its album.</summary>
public sealed record AlbumSongReport
{
    /// <summary>The track number on the disc and in the files; 0 for a hidden track.</summary>
    public required int Track { get; init; }

    public string? Title { get; init; }

    public required string InputPath { get; init; }

    public required double InputLufs { get; init; }

    /// <summary>Where track mode puts the song (the target).</summary>
    public double? TrackModeLufs { get; init; }

    /// <summary>Where album mode puts the song (its mix's loudness plus the album's offset).</summary>
    public double? AlbumModeLufs { get; init; }

    public double? AimedLufs { get; init; }

    public required double OutputLufs { get; init; }

    public required double TruePeakDbtp { get; init; }

    public required double LoudnessRangeLu { get; init; }

    public required double PlrDb { get; init; }

    /// <summary>The master's loudness minus the album's.</summary>
    public required double VersusAlbumLu { get; init; }

    /// <summary>Tonal balance: the share of the master's power below 250 Hz, 250 Hz-4 kHz and above 4 kHz, in dB; null for a song too short to analyse.</summary>
    public IReadOnlyList<double>? ToneDb { get; init; }

    /// <summary>Tonal balance minus the album's median, per band, in dB.</summary>
    public IReadOnlyList<double>? ToneVersusAlbumDb { get; init; }

    /// <summary>Where the song stands out from the album, each said in words; empty when it does not.</summary>
    public required IReadOnlyList<string> Outliers { get; init; }

    public string? Note { get; init; }

    public PlaybackGain? Gain { get; init; }

    public required bool TargetMet { get; init; }

    /// <summary>The song's QC findings: its mix's (stage <c>input</c>) and each of its files' (stage: the deliverable's label).</summary>
    public IReadOnlyList<StagedFinding> Qc { get; init; } = [];
}

/// <summary>The disc: its layout, image, CUE sheet and DDP image.</summary>
public sealed record AlbumDiscReport
{
    public required CdDisc Layout { get; init; }

    public required string ImageWav { get; init; }

    public required string CueSheet { get; init; }

    public string? DdpFolder { get; init; }

    /// <summary>SHA-256 of the raw 16-bit programme (the WAV's data and the DDP's image are these bytes).</summary>
    public required string ImageSha256 { get; init; }

    public required double DurationSeconds { get; init; }

    public required double IntegratedLufs { get; init; }

    public required double TruePeakDbtp { get; init; }

    /// <summary>Samples clipped by the 16-bit conversion.</summary>
    public required long ClippedSamples { get; init; }

    /// <summary>The most the limiter over the programme took (where a crossfade summed two songs over the ceiling), in dB (0 or negative).</summary>
    public double LimiterMaxGainReductionDb { get; init; }

    /// <summary>How long the limiter over the programme worked, in seconds.</summary>
    public double LimitedSeconds { get; init; }
}
