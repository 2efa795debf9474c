using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>What the true-peak limiter did.</summary>
public sealed record LimiterOutcome
{
    [JsonPropertyName("max_gain_reduction_db")] public double MaxGainReductionDb { get; set; }

    [JsonPropertyName("limited_s")] public double LimitedS { get; set; }

    [JsonPropertyName("passes")] public int Passes { get; set; }

    [JsonPropertyName("model_error_lu")] public double ModelErrorLu { get; set; }
}
