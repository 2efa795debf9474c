using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Metadata;
using RenderFarm.Mastering.Overview;
using RenderFarm.Mastering.Preview;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;

namespace RenderFarm.Mastering;

/// <summary>Everything a mastering job measured, decided and delivered.</summary>
public sealed record MasteringReport
{
    public required string InputPath { get; init; }

    public required int SampleRate { get; init; }

    public required int Channels { get; init; }

    public required LoudnessReport Input { get; init; }

    public StereoReport? InputStereo { get; init; }

    public required LoudnessReport Output { get; init; }

    public StereoReport? OutputStereo { get; init; }

    public IReadOnlyList<LoudnessPoint> InputSeries { get; init; } = [];

    public IReadOnlyList<LoudnessPoint> OutputSeries { get; init; } = [];

    /// <summary>The input's waveform peaks and long-term spectrum (for overview.json).</summary>
    public ProgrammeOverview? InputOverview { get; init; }

    /// <summary>The master's waveform peaks and long-term spectrum.</summary>
    public ProgrammeOverview? OutputOverview { get; init; }

    public required DeliveryTarget Target { get; init; }

    /// <summary>The chain's settings as the profile gave them.</summary>
    public ChainSettings? Chain { get; init; }

    /// <summary>The true-peak ceiling in effect.</summary>
    public required double CeilingDbtp { get; init; }

    /// <summary>The loudness the job aimed for: the target's, or less where the dynamics floor decided.</summary>
    public double? AimedLufs { get; init; }

    /// <summary>Gain applied before the limiter to reach the loudness aimed for, in dB (the input gain of the chain comes on top).</summary>
    public required double GainDb { get; init; }

    public required bool TargetMet { get; init; }

    /// <summary>Why the target was not met, or what decided the level, in a sentence; null when all went to plan.</summary>
    public string? TargetNote { get; init; }

    public required double LimiterMaxGainReductionDb { get; init; }

    public required double LimitedSeconds { get; init; }

    public IReadOnlyList<double> MultibandMaxGainReductionDb { get; init; } = [];

    /// <summary>Passes through the limiter over the audio: the delivering one, and any repeated because the model missed.</summary>
    public required int LimiterPasses { get; init; }

    /// <summary>What the limiter model predicted minus what the delivering pass measured, in LU (0 when no limiting was modelled).</summary>
    public double LimiterModelErrorLu { get; init; }

    public required IReadOnlyList<StagedFinding> Qc { get; init; }

    public required IReadOnlyList<DeliverableReport> Deliverables { get; init; }

    public required IReadOnlyList<PlatformPreview> Preview { get; init; }

    public required TrackMetadata Metadata { get; init; }

    /// <summary>What matching a reference did, when one was given.</summary>
    public ReferenceMatchReport? Reference { get; init; }

    public IReadOnlyDictionary<string, double> TimingsSeconds { get; init; } = new Dictionary<string, double>();
}
