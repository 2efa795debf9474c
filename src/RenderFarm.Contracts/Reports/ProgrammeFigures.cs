using System.Text.Json.Serialization;

namespace RenderFarm.Contracts.Reports;

/// <summary>
/// A programme measured (the mix, or the master) as a report gives it: the loudness fields every report shares
/// (levels rounded to 0.01; null where a level does not exist, in silence), the stereo figures of a stereo
/// programme, and the loudness series when it was asked for.
/// </summary>
public sealed record ProgrammeFigures
{
    /// <summary>The mix's path (the input only).</summary>
    [JsonPropertyName("file")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? File { get; set; }

    [JsonPropertyName("sample_rate")] public int SampleRate { get; set; }

    [JsonPropertyName("channels")] public int Channels { get; set; }

    [JsonPropertyName("frames")] public long Frames { get; set; }

    [JsonPropertyName("duration_s")] public double DurationS { get; set; }

    [JsonPropertyName("integrated_lufs")] public double? IntegratedLufs { get; set; }

    [JsonPropertyName("loudness_range_lu")] public double LoudnessRangeLu { get; set; }

    [JsonPropertyName("lra_low_lufs")] public double? LraLowLufs { get; set; }

    [JsonPropertyName("lra_high_lufs")] public double? LraHighLufs { get; set; }

    [JsonPropertyName("true_peak_dbtp")] public double? TruePeakDbtp { get; set; }

    [JsonPropertyName("sample_peak_dbfs")] public double? SamplePeakDbfs { get; set; }

    [JsonPropertyName("max_momentary_lufs")] public double? MaxMomentaryLufs { get; set; }

    [JsonPropertyName("max_short_term_lufs")] public double? MaxShortTermLufs { get; set; }

    [JsonPropertyName("plr_db")] public double? PlrDb { get; set; }

    [JsonPropertyName("relative_gate_lufs")] public double? RelativeGateLufs { get; set; }

    [JsonPropertyName("true_peak_oversampling")] public int TruePeakOversampling { get; set; }

    [JsonPropertyName("true_peak_per_channel_dbtp")] public IReadOnlyList<double?> TruePeakPerChannelDbtp { get; set; } = [];

    [JsonPropertyName("sample_peak_per_channel_dbfs")] public IReadOnlyList<double?> SamplePeakPerChannelDbfs { get; set; } = [];

    /// <summary>Left against right over the whole programme (stereo only).</summary>
    [JsonPropertyName("correlation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Correlation { get; set; }

    /// <summary>The lowest correlation of any 400 ms window (stereo only).</summary>
    [JsonPropertyName("min_window_correlation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MinWindowCorrelation { get; set; }

    /// <summary>What folding down to mono loses, in dB (stereo only; its value null when the fold-down is silent).</summary>
    [JsonPropertyName("mono_loss_db")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OptionalNumber? MonoLossDb { get; set; }

    [JsonPropertyName("series")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LoudnessSeries? Series { get; set; }
}
