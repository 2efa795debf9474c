using RenderFarm.Dsp.Dither;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Qc;
using RenderFarm.Mastering.Targets;
using RenderFarm.Restoration;

namespace RenderFarm.Mastering.Profiles;

/// <summary>Everything a mastering job needs besides its input: target, chain, dynamics floor, deliverables, dither, QC and metadata defaults.</summary>
public sealed record MasteringProfile
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required DeliveryTarget Target { get; init; }

    public ChainSettings Chain { get; init; } = new();

    public DynamicsFloor Floor { get; init; } = new();

    public IReadOnlyList<DeliverableSpec> Deliverables { get; init; } = DeliverableSpec.Release;

    public NoiseShaping NoiseShaping { get; init; } = NoiseShaping.None;

    public QcSettings Qc { get; init; } = new();

    /// <summary>The repairs run on the recording before the mastering chain (its own task on the farm); null: none.</summary>
    public RestoreSettings? Restore { get; init; }

    /// <summary>Album-level metadata the job's own metadata falls back on.</summary>
    public TrackMetadata? Metadata { get; init; }

    /// <summary>The default chain and release deliverables for a named target.</summary>
    public static MasteringProfile ForTarget(DeliveryTarget target) => new() { Target = target };

    /// <summary>The limiter ceiling in effect: the profile's override or the target's.</summary>
    public double CeilingDbtp => Chain.CeilingOverrideDbtp ?? Target.CeilingDbtp;

    /// <summary>Checks everything that depends on the mix (its rate and channels), naming the field of what is wrong.</summary>
    public void Validate(int sampleRate, int channels)
    {
        if (Version != CurrentVersion)
        {
            throw new ProfileException("$.version", $"{Version} is not supported: accepted {CurrentVersion}");
        }

        Target.Validate();
        Chain.Validate(sampleRate, channels);
        Floor.Validate();
        Qc.Validate();
        if (Deliverables.Count == 0 || Deliverables.Count > 20)
        {
            throw new ProfileException("$.deliverables", $"{Deliverables.Count} deliverables: accepted 1 to 20");
        }

        for (var i = 0; i < Deliverables.Count; i++)
        {
            Deliverables[i].Validate($"$.deliverables[{i}]");
        }

        if (NoiseShaping != NoiseShaping.None && Deliverables.Any(d => d.BitDepthFor() == 16 && d.Format is DeliverableFormat.Wav or DeliverableFormat.Cd or DeliverableFormat.Flac && d.SampleRateFor(sampleRate) is not (44_100 or 48_000)))
        {
            throw new ProfileException("$.dither.noise_shaping", "f_weighted shaping is designed for 44.1 and 48 kHz; a 16-bit deliverable here has another rate");
        }

        Metadata?.Validated();
    }
}
