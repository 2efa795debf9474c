namespace RenderFarm.Dsp.Metering;

/// <summary>What a <see cref="LoudnessMeter"/> measures besides momentary, short-term, integrated and range.</summary>
public sealed record LoudnessMeterOptions
{
    /// <summary>Measure true peak (oversampled); sample peak is always measured.</summary>
    public bool TruePeak { get; init; } = true;

    /// <summary>Keep the momentary and short-term series every 100 ms (8 bytes per reading).</summary>
    public bool KeepSeries { get; init; } = true;

    /// <summary>Channel roles for the weights; null takes the default layout for the channel count.</summary>
    public ChannelLayout? Layout { get; init; }
}
