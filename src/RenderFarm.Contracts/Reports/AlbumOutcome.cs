using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>What an album job did: the loudness plan in both modes, each song against the album, the disc and the files.</summary>
public sealed record AlbumOutcome
{
    /// <summary><c>album</c> or <c>track</c>.</summary>
    public string Mode { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TargetName { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TargetLufs { get; set; }

    public double CeilingDbtp { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AlbumOffsetDb { get; set; }

    public double InputAlbumLufs { get; set; }

    public double AlbumLufs { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AlbumModeAlbumLufs { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TrackModeAlbumLufs { get; set; }

    public double AlbumTruePeakDbtp { get; set; }

    public double SpreadLu { get; set; }

    public int Rounds { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; set; }

    public IReadOnlyList<AlbumSongOutcome> Songs { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AlbumReferenceOutcome? Reference { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AlbumDisc? Disc { get; set; }

    public IReadOnlyList<AlbumTrackFile> Tracks { get; set; } = [];

    /// <summary>How long each part took; left out of album-report.json on the farm, so every attempt writes the same bytes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? TimingsSeconds { get; set; }
}
