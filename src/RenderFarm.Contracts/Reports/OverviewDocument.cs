using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>
/// overview.json: what the dashboard draws of a title before and after mastering (waveform peaks, long-term
/// spectrum, loudness over time thinned to a bounded number of readings) with the target.
/// </summary>
public sealed record OverviewDocument
{
    /// <summary>The version of this layout the dashboard reads (1).</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")] public int Version { get; set; } = CurrentVersion;

    [JsonPropertyName("target_lufs")] public double? TargetLufs { get; set; }

    [JsonPropertyName("ceiling_dbtp")] public double CeilingDbtp { get; set; }

    [JsonPropertyName("input")] public OverviewProgramme Input { get; set; } = new();

    [JsonPropertyName("output")] public OverviewProgramme Output { get; set; } = new();
}
