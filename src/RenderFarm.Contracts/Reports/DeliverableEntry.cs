using System.Text.Json.Serialization;
using Orleans;

namespace RenderFarm.Contracts.Reports;

/// <summary>A deliverable as a report lists it: the file (media-relative on the farm), its checksum, format, loudness and own QC.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliverableEntry
{
    /// <summary>The profile's name for it (<c>master</c>, <c>cd</c>, <c>mp3</c>...).</summary>
    [Id(0), JsonPropertyName("label")] public string Label { get; set; } = string.Empty;

    [Id(1), JsonPropertyName("format")] public string Format { get; set; } = string.Empty;

    [Id(2), JsonPropertyName("path")] public string Path { get; set; } = string.Empty;

    [Id(3), JsonPropertyName("sha256")] public string Sha256 { get; set; } = string.Empty;

    [Id(4), JsonPropertyName("bytes")] public long Bytes { get; set; }

    [Id(5), JsonPropertyName("sample_rate")] public int SampleRate { get; set; }

    [Id(6), JsonPropertyName("bit_depth")] public int? BitDepth { get; set; }

    [Id(7), JsonPropertyName("bitrate_kbps")] public int? BitrateKbps { get; set; }

    [Id(8), JsonPropertyName("integrated_lufs")] public double? IntegratedLufs { get; set; }

    [Id(9), JsonPropertyName("true_peak_dbtp")] public double? TruePeakDbtp { get; set; }

    /// <summary>The file's own findings (checked against the master).</summary>
    [Id(10), JsonPropertyName("qc")] public IReadOnlyList<QcEntry> Qc { get; set; } = [];
}
