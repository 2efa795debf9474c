using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>The delivery target and whether the master met it.</summary>
public sealed record TargetOutcome
{
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;

    [JsonPropertyName("description")] public string? Description { get; set; }

    /// <summary>The target's loudness; null for a target that keeps the level (a CD master).</summary>
    [JsonPropertyName("integrated_lufs")] public double? IntegratedLufs { get; set; }

    [JsonPropertyName("tolerance_lu")] public double ToleranceLu { get; set; }

    [JsonPropertyName("ceiling_dbtp")] public double CeilingDbtp { get; set; }

    /// <summary>The loudness aimed for: the target's, or less where a dynamics floor decided.</summary>
    [JsonPropertyName("aimed_lufs")] public double? AimedLufs { get; set; }

    [JsonPropertyName("met")] public bool Met { get; set; }

    /// <summary>Why the target was not met, or what decided the level; null when all went to plan.</summary>
    [JsonPropertyName("note")] public string? Note { get; set; }
}
