using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>One programme of an overview: its length, waveform, spectrum and loudness over time.</summary>
public sealed record OverviewProgramme
{
    [JsonPropertyName("duration_s")] public double DurationS { get; set; }

    [JsonPropertyName("waveform")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OverviewWaveform? Waveform { get; set; }

    [JsonPropertyName("spectrum")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OverviewSpectrum? Spectrum { get; set; }

    [JsonPropertyName("loudness")] public LoudnessSeries Loudness { get; set; } = new();
}
