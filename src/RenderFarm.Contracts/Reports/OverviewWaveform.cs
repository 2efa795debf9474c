using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>Waveform peaks: the lowest, highest and RMS sample of each bucket, over all channels.</summary>
public sealed record OverviewWaveform
{
    [JsonPropertyName("bucket_s")] public double BucketS { get; set; }

    [JsonPropertyName("min")] public IReadOnlyList<double> Min { get; set; } = [];

    [JsonPropertyName("max")] public IReadOnlyList<double> Max { get; set; } = [];

    [JsonPropertyName("rms")] public IReadOnlyList<double> Rms { get; set; } = [];
}
