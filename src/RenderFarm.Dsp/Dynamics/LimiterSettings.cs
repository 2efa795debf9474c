namespace RenderFarm.Dsp.Dynamics;

/// <summary>A true-peak limiter's ceiling, look-ahead and release.</summary>
public sealed record LimiterSettings
{
    /// <summary>The highest true peak allowed at the output, in dBTP.</summary>
    public double CeilingDbtp { get; init; } = -1.0;

    /// <summary>How far ahead the limiter looks; also the length of its gain ramp (attack).</summary>
    public double LookaheadMs { get; init; } = 3.0;

    public double ReleaseMs { get; init; } = 80.0;

    /// <summary>Kept between the limiter's own true-peak estimate and the ceiling, so that other meters' interpolators agree.</summary>
    public double SafetyMarginDb { get; init; } = 0.1;

    public void Validate(string path = "limiter")
    {
        Guard.InRange(CeilingDbtp, -20.0, 0.0, $"{path}.ceiling_dbtp", "dBTP");
        Guard.InRange(LookaheadMs, 0.5, 20.0, $"{path}.lookahead_ms", "ms");
        Guard.InRange(ReleaseMs, 1.0, 2000.0, $"{path}.release_ms", "ms");
        Guard.InRange(SafetyMarginDb, 0.0, 1.0, $"{path}.safety_margin_db", "dB");
    }
}
