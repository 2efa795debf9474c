namespace RenderFarm.Mastering.Qc;

/// <summary>The thresholds quality control works with; the defaults are those of a careful mastering house.</summary>
public sealed record QcSettings
{
    /// <summary>A run of at least this many consecutive samples at full scale is clipping.</summary>
    public int ClippingRun { get; init; } = 3;

    /// <summary>Level counted as full scale (linear).</summary>
    public double FullScale { get; init; } = 0.99995;

    /// <summary>Click sensitivity: how many times the local prediction error a click stands out (higher finds fewer).</summary>
    public double ClickThreshold { get; init; } = 25.0;

    /// <summary>DC offset above this (dBFS) is reported, and as an error 20 dB higher.</summary>
    public double DcOffsetDbfs { get; init; } = -50.0;

    /// <summary>Two or more one-second windows in a row with correlation below this are reported (an error below -0.5).</summary>
    public double NegativeCorrelation { get; init; } = -0.3;

    /// <summary>Level under which audio counts as silence, for head, tail and dropouts.</summary>
    public double SilenceDbfs { get; init; } = -60.0;

    /// <summary>Silence at the head longer than this (seconds) is reported.</summary>
    public double HeadSilenceSeconds { get; init; } = 0.5;

    /// <summary>Silence at the tail longer than this (seconds) is reported.</summary>
    public double TailSilenceSeconds { get; init; } = 3.0;

    /// <summary>A stretch of near-digital silence inside programme at least this long (ms) is a dropout.</summary>
    public double DropoutMs { get; init; } = 5.0;

    public void Validate(string path = "$.qc")
    {
        ProfileException.InRange(ClippingRun, 1, 1000, $"{path}.clipping_run", "samples");
        ProfileException.InRange(FullScale, 0.5, 1.0, $"{path}.full_scale", "");
        ProfileException.InRange(ClickThreshold, 4, 100, $"{path}.click_threshold", "");
        ProfileException.InRange(DcOffsetDbfs, -120, -20, $"{path}.dc_offset_dbfs", "dBFS");
        ProfileException.InRange(NegativeCorrelation, -1, 0, $"{path}.negative_correlation", "");
        ProfileException.InRange(SilenceDbfs, -120, -30, $"{path}.silence_dbfs", "dBFS");
        ProfileException.InRange(HeadSilenceSeconds, 0, 60, $"{path}.head_silence_s", "s");
        ProfileException.InRange(TailSilenceSeconds, 0, 600, $"{path}.tail_silence_s", "s");
        ProfileException.InRange(DropoutMs, 1, 10_000, $"{path}.dropout_ms", "ms");
    }
}
