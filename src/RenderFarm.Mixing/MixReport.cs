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

/// <summary>One track's levels at its output (after its inserts, fader and pan).</summary>
public sealed record TrackReport
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    public required string Source { get; init; }

    /// <summary>False when muted, or when other tracks are soloed; such a track is not rendered.</summary>
    public required bool Audible { get; init; }

    /// <summary>Sample peak of the track's output in dBFS; null when not rendered or silent.</summary>
    public double? PeakDbfs { get; init; }

    /// <summary>Integrated loudness of the track's output; null when not rendered or below the gate.</summary>
    public double? IntegratedLufs { get; init; }

    /// <summary>Output samples beyond full scale (they would clip a fixed-point mixer).</summary>
    public long OverSamples { get; init; }

    public bool Clips => OverSamples > 0;

    /// <summary>Audible, but its output never reaches <see cref="MixRenderer.SilenceDbfs"/>.</summary>
    public bool Silent { get; init; }
}

/// <summary>A bus's output peak (after its inserts and fader).</summary>
public sealed record BusReport(string Name, bool Muted, double? PeakDbfs, bool Clips);

/// <summary>A stem file: a track's output (<see cref="Send"/> null) or one of its sends.</summary>
public sealed record StemReport(int Track, int? Send, string Path, string Sha256);
