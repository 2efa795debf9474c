using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>Matching a reference recording: the correction (per 1/6-octave band, and its filters) and the tonal distance before and after, in dB.</summary>
public sealed record ReferenceOutcome
{
    [JsonPropertyName("path")] public string Path { get; set; } = string.Empty;

    [JsonPropertyName("amount_percent")] public double AmountPercent { get; set; }

    [JsonPropertyName("reference_lufs")] public double? ReferenceLufs { get; set; }

    [JsonPropertyName("distance_before_db")] public double? DistanceBeforeDb { get; set; }

    [JsonPropertyName("distance_after_db")] public double? DistanceAfterDb { get; set; }

    [JsonPropertyName("curve_hz")] public IReadOnlyList<double> CurveHz { get; set; } = [];

    [JsonPropertyName("curve_db")] public IReadOnlyList<double> CurveDb { get; set; } = [];

    [JsonPropertyName("filters")] public IReadOnlyList<ReferenceFilter> Filters { get; set; } = [];
}
