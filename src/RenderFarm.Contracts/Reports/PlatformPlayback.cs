using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>What a streaming platform's loudness normalisation will do to the master.</summary>
public sealed record PlatformPlayback
{
    [JsonPropertyName("platform")] public string Platform { get; set; } = string.Empty;

    [JsonPropertyName("reference_lufs")] public double ReferenceLufs { get; set; }

    [JsonPropertyName("playback_gain_db")] public double PlaybackGainDb { get; set; }

    /// <summary>The master's loudness as played there; null for a silent master.</summary>
    [JsonPropertyName("playback_lufs")] public double? PlaybackLufs { get; set; }

    [JsonPropertyName("playback_true_peak_dbtp")] public double? PlaybackTruePeakDbtp { get; set; }

    [JsonPropertyName("note")] public string? Note { get; set; }
}
