using RenderFarm.Dsp.Metering;
using RenderFarm.Mastering.Chain;
using RenderFarm.Mastering.Metadata;

namespace RenderFarm.Mastering;

/// <summary>A mix measured and run through the chain before the limiter, waiting in its work folder to be limited (see <see cref="MasteringJob.Prepare"/>).</summary>
internal sealed class PreparedMix(MasteringJob job, string inputPath, string work, string intermediate, InputPass input, TrackMetadata metadata, MasteringJobOptions options, double prepareSeconds) : IDisposable
{
    public string InputPath { get; } = inputPath;

    public string Intermediate { get; } = intermediate;

    public InputPass Input { get; } = input;

    public TrackMetadata Metadata { get; } = metadata;

    public MasteringJobOptions Options { get; } = options;

    public double PrepareSeconds { get; } = prepareSeconds;

    /// <summary>The reference being matched, if any.</summary>
    public ReferenceContext? Reference { get; init; }

    /// <summary>The mix's meter (its gating blocks give an album's loudness as mixed).</summary>
    public LoudnessMeter InputMeter => Input.InputMeter;

    /// <summary>
    /// Limits the prepared mix to <paramref name="aimLufs"/> (null: the profile's target) and writes the deliverables,
    /// or the float master when <paramref name="masterDirectory"/> is set; with a reference, the master's long-term spectrum too.
    /// </summary>
    public (MasteringReport Report, LoudnessMeter Output, double[]? MatchSpectrum) Finish(string outputDirectory, string? masterDirectory, double? aimLufs, CancellationToken cancellationToken) =>
        job.Finish(this, outputDirectory, masterDirectory, aimLufs, cancellationToken);

    public void Dispose()
    {
        Input.Model.Dispose();
        Directory.Delete(work, recursive: true);
    }
}
