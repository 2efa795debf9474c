namespace RenderFarm.Dsp.Metering;

/// <summary>What a <see cref="LoudnessMeter"/> measures besides momentary, short-term, integrated and range.</summary>
public sealed record LoudnessMeterOptions
{
    /// <summary>Measure true peak (oversampled); sample peak is always measured.</summary>
    public bool TruePeak { get; init; } = true;

    /// <summary>Keep the momentary and short-term series every 100 ms (8 bytes per reading).</summary>
    public bool KeepSeries { get; init; } = true;

    /// <summary>
    /// Also measure the integrated loudness of the mono fold-down (stereo only), from the K-weighted
    /// channels the meter already has: K-weighting is linear, so the fold-down's filtered signal is the
    /// average of the filtered channels.
    /// </summary>
    public bool MonoFoldDown { get; init; }

    /// <summary>
    /// Keep the gating blocks and short-term readings in fixed histograms of 0.01 LU bins (96 KB each)
    /// instead of one value per 100 ms, so memory does not grow with the programme's length; the
    /// integrated loudness and loudness range then agree with the exact ones within 0.01 LU.
    /// </summary>
    public bool BoundedMemory { get; init; }

    /// <summary>Channel roles for the weights; null takes the default layout for the channel count.</summary>
    public ChannelLayout? Layout { get; init; }

    /// <summary>
    /// Short-term readings per second that feed the loudness range: 10 (EBU Tech 3342 since 2016, as
    /// ffmpeg's ebur128 filter), or 1 to reproduce libebur128, which reads once a second. Accepted: 1, 2, 5, 10.
    /// </summary>
    public int LoudnessRangeReadingsPerSecond { get; init; } = 10;

    /// <summary>
    /// When set, the meter hands the channel-weighted K-weighted energy (sum of squares) of every
    /// <see cref="EnergyCellFrames"/> frames to this sink, in order: a fine-grained loudness map for
    /// models of later processing.
    /// </summary>
    public Action<ReadOnlySpan<float>>? EnergyCells { get; init; }

    /// <summary>Frames per energy cell (1 to 4800) when <see cref="EnergyCells"/> is set.</summary>
    public int EnergyCellFrames { get; init; } = 32;

    internal void Validate()
    {
        if (EnergyCells is not null && (EnergyCellFrames < 1 || EnergyCellFrames > 4800))
        {
            throw new ArgumentOutOfRangeException(nameof(EnergyCellFrames), EnergyCellFrames, $"energy cell of {EnergyCellFrames} frames is not accepted: accepted 1 to 4800");
        }

        if (LoudnessRangeReadingsPerSecond is not (1 or 2 or 5 or 10))
        {
            throw new ArgumentOutOfRangeException(nameof(LoudnessRangeReadingsPerSecond), LoudnessRangeReadingsPerSecond,
                $"loudness range readings per second {LoudnessRangeReadingsPerSecond} is not accepted: accepted 1, 2, 5 or 10");
        }
    }
}
