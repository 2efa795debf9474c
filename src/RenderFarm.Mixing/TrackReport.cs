namespace RenderFarm.Mixing;

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
