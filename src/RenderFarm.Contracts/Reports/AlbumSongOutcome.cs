using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>One song against its album.</summary>
public sealed record AlbumSongOutcome
{
    /// <summary>The track number on the disc and in the files; 0 for a hidden track.</summary>
    public int Track { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; set; }

    public string InputPath { get; set; } = string.Empty;

    public double InputLufs { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TrackModeLufs { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AlbumModeLufs { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AimedLufs { get; set; }

    public double OutputLufs { get; set; }

    public double TruePeakDbtp { get; set; }

    public double LoudnessRangeLu { get; set; }

    public double PlrDb { get; set; }

    public double VersusAlbumLu { get; set; }

    /// <summary>The share of the master's power below 250 Hz, 250 Hz-4 kHz and above 4 kHz, in dB.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? ToneDb { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? ToneVersusAlbumDb { get; set; }

    /// <summary>Where the song stands out from the album, each said in words.</summary>
    public IReadOnlyList<string> Outliers { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AlbumPlaybackGain? Gain { get; set; }

    public bool TargetMet { get; set; }

    /// <summary>The song's findings: its mix's (stage <c>input</c>) and each of its files' (stage: the deliverable's label).</summary>
    public IReadOnlyList<AlbumStagedFinding> Qc { get; set; } = [];
}
