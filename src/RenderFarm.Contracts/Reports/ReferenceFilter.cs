using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>A peaking filter of a reference match.</summary>
public sealed record ReferenceFilter
{
    [JsonPropertyName("frequency_hz")] public double FrequencyHz { get; set; }

    [JsonPropertyName("q")] public double Q { get; set; }

    [JsonPropertyName("gain_db")] public double GainDb { get; set; }
}
