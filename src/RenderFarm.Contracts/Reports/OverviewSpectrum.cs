using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>The long-term spectrum: a level per fractional-octave band (null where silent).</summary>
public sealed record OverviewSpectrum
{
    [JsonPropertyName("bands_per_octave")] public int BandsPerOctave { get; set; }

    [JsonPropertyName("hz")] public IReadOnlyList<double> Hz { get; set; } = [];

    [JsonPropertyName("db")] public IReadOnlyList<double?> Db { get; set; } = [];
}
