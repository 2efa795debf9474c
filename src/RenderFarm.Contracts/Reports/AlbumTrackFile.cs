using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>A track file of an album release: the file, its format, checksum, loudness and findings.</summary>
public sealed record AlbumTrackFile
{
    public string Label { get; set; } = string.Empty;

    public string Format { get; set; } = string.Empty;

    public string Path { get; set; } = string.Empty;

    public int SampleRate { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? BitDepth { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? BitrateKbps { get; set; }

    public long Bytes { get; set; }

    public string Sha256 { get; set; } = string.Empty;

    public LoudnessMeasurement Loudness { get; set; } = new();

    public IReadOnlyList<AlbumFinding> Qc { get; set; } = [];
}
