using RenderFarm.Audio;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Filters;

namespace RenderFarm.Restoration;

/// <summary>
/// What a first pass over the input finds: each channel's DC offset and level, and for stereo the correlation
/// of the two channels below 200 Hz, where a real recording's channels agree (one channel wired in opposite
/// polarity turns it strongly negative). Streams; throws <see cref="AudioFileException"/> naming the file on
/// a sample that is not a number.
/// </summary>
public sealed record RestoreAnalysis
{
    // A DC offset above -60 dBFS is worth removing (it eats headroom and thumps at edits).
    public const double DcLimit = 0.001;

    // Low-band correlation below which a channel counts as turned over.
    public const double PolarityLimit = -0.5;

    public required long Frames { get; init; }

    public required IReadOnlyList<double> Dc { get; init; }

    public required IReadOnlyList<double> Rms { get; init; }

    /// <summary>The correlation of the channels below 200 Hz (stereo); null otherwise or in silence.</summary>
    public double? LowBandCorrelation { get; init; }

    public bool NeedsDc => Dc.Any(d => Math.Abs(d) > DcLimit);

    public bool NeedsPolarity => LowBandCorrelation < PolarityLimit;

    public static RestoreAnalysis Measure(IAudioReader reader, int blockFrames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var info = reader.Info;
        var channels = info.Channels;
        var buffer = new AudioBuffer(channels, blockFrames);
        var low = new AudioBuffer(channels, blockFrames);
        var filter = new BiquadFilter(BiquadDesign.LowPass(info.SampleRate, 200.0, 0.7071));
        filter.Prepare(new AudioSpec(info.SampleRate, channels, blockFrames));
        var sums = new double[channels];
        var squares = new double[channels];
        double lr = 0, ll = 0, rr = 0;
        long frames = 0;
        int n;
        while ((n = reader.Read(buffer.AsBlock())) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = buffer.AsBlock(n);
            var lowBlock = low.AsBlock(n);
            for (var c = 0; c < channels; c++)
            {
                var samples = block[c];
                if (!VectorMath.AllFinite(samples))
                {
                    var at = frames + FirstNotFinite(samples);
                    throw new AudioFileException(info.Path, "samples", $"channel {c + 1} holds a sample that is not a finite number at frame {at} ({(double)at / info.SampleRate:0.000} s)");
                }

                sums[c] += VectorMath.Sum(samples);
                squares[c] += VectorMath.SumOfSquares(samples);
                samples.CopyTo(lowBlock[c]);
            }

            if (channels == 2)
            {
                filter.Process(lowBlock);
                lr += VectorMath.Dot(lowBlock[0], lowBlock[1]);
                ll += VectorMath.SumOfSquares(lowBlock[0]);
                rr += VectorMath.SumOfSquares(lowBlock[1]);
            }

            frames += n;
        }

        return new RestoreAnalysis
        {
            Frames = frames,
            Dc = [.. sums.Select(s => frames > 0 ? s / frames : 0.0)],
            Rms = [.. squares.Select(s => frames > 0 ? Math.Sqrt(s / frames) : 0.0)],
            LowBandCorrelation = channels == 2 && ll > 1e-12 && rr > 1e-12 ? lr / Math.Sqrt(ll * rr) : null,
        };
    }

    private static int FirstNotFinite(ReadOnlySpan<float> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                return i;
            }
        }

        return 0;
    }
}
