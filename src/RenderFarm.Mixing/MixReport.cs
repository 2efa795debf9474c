using RenderFarm.Dsp.Metering;

namespace RenderFarm.Mixing;

/// <summary>What a mix render produced and measured: the mix's loudness and peaks, every track's and bus's levels, the stems, and notes.</summary>
public sealed record MixReport
{
    /// <summary>The mix file written.</summary>
    public required string Output { get; init; }

    public required string Sha256 { get; init; }

    /// <summary><c>one pass</c>, or <c>stems then mixdown</c>.</summary>
    public required string Mode { get; init; }

    public required int SampleRate { get; init; }

    public required long Frames { get; init; }

    public double DurationSeconds => (double)Frames / SampleRate;

    /// <summary>The mix's loudness (BS.1770 / EBU R128), sample and true peak.</summary>
    public required LoudnessReport Loudness { get; init; }

    /// <summary>Mix samples beyond full scale: clipped in a 24-bit file, kept in a float one.</summary>
    public required long OverSamples { get; init; }

    public required IReadOnlyList<TrackReport> Tracks { get; init; }

    public required IReadOnlyList<BusReport> Buses { get; init; }

    /// <summary>The stems written, when stems were rendered.</summary>
    public IReadOnlyList<StemReport> Stems { get; init; } = [];

    /// <summary>What the render changed or found along the way (sources resampled, tracks silent or clipping).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public required double ElapsedSeconds { get; init; }

    public double RealTimeFactor => ElapsedSeconds > 0 ? DurationSeconds / ElapsedSeconds : double.PositiveInfinity;
}
