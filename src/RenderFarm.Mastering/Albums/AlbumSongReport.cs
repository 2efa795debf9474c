using RenderFarm.Mastering.Metadata;

namespace RenderFarm.Mastering.Albums;

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
