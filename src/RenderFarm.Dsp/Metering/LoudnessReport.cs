namespace RenderFarm.Dsp.Metering;

/// <summary>
/// The loudness figures of a programme after ITU-R BS.1770-4 and EBU R128 / Tech 3341 / Tech 3342.
/// Levels that do not exist (silence) are negative infinity.
/// </summary>
public sealed record LoudnessReport
{
    public required int SampleRate { get; init; }

    public required int Channels { get; init; }

    public required long Frames { get; init; }

    public double DurationSeconds => (double)Frames / SampleRate;

    /// <summary>Gated integrated loudness (absolute gate -70 LUFS, relative gate -10 LU).</summary>
    public required double IntegratedLufs { get; init; }

    /// <summary>The relative gate the integrated loudness used.</summary>
    public required double RelativeGateLufs { get; init; }

    /// <summary>Loudness range (Tech 3342): 95th minus 10th percentile of gated short-term loudness.</summary>
    public required double LoudnessRangeLu { get; init; }

    public required double LoudnessRangeLowLufs { get; init; }

    public required double LoudnessRangeHighLufs { get; init; }

    public required double MaxMomentaryLufs { get; init; }

    public required double MaxShortTermLufs { get; init; }

    /// <summary>Largest true peak over all channels; equals the sample peak when true peak was not measured.</summary>
    public required double TruePeakDbtp { get; init; }

    public required double SamplePeakDbfs { get; init; }

    public required IReadOnlyList<double> TruePeakPerChannelDbtp { get; init; }

    /// <summary>
    /// Integrated loudness of the stereo programme folded down to mono, (L + R) / 2 on both speakers,
    /// gated on its own; null unless the meter was asked for it (<see cref="LoudnessMeterOptions.MonoFoldDown"/>).
    /// </summary>
    public double? MonoFoldDownLufs { get; init; }

    public required IReadOnlyList<double> SamplePeakPerChannelDbfs { get; init; }

    /// <summary>The oversampling factor of the true-peak measurement (1 when not oversampled).</summary>
    public required int TruePeakOversampling { get; init; }

    /// <summary>Peak-to-loudness ratio: true peak minus integrated loudness (EBU Tech 3343).</summary>
    public double PlrDb => TruePeakDbtp - IntegratedLufs;
}
