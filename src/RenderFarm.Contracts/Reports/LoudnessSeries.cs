using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>Momentary and short-term loudness at a fixed interval (null where silent).</summary>
public sealed record LoudnessSeries
{
    [JsonPropertyName("interval_s")] public double IntervalS { get; set; }

    [JsonPropertyName("momentary_lufs")] public IReadOnlyList<double?> MomentaryLufs { get; set; } = [];

    [JsonPropertyName("short_term_lufs")] public IReadOnlyList<double?> ShortTermLufs { get; set; } = [];
}
