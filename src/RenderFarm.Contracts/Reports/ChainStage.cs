using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>A stage of the mastering chain: its settings and what it did, in words.</summary>
public sealed record ChainStage
{
    [JsonPropertyName("stage")] public string Stage { get; set; } = string.Empty;

    [JsonPropertyName("settings")] public string Settings { get; set; } = string.Empty;

    [JsonPropertyName("result")] public string? Result { get; set; }
}
