using RenderFarm.Audio;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Filters;
using RenderFarm.Restoration.Azimuth;
using RenderFarm.Restoration.Declip;
using RenderFarm.Restoration.Dehum;
using RenderFarm.Restoration.Denoise;

namespace RenderFarm.Restoration;

/// <summary>
/// What a first pass over the input finds: each channel's DC offset, level and clip levels, mains hum and its
/// drift (<see cref="HumTracker"/>), and for stereo the correlation of the two channels below 200 Hz, where a
/// real recording's channels agree (one channel wired in opposite polarity turns it strongly negative).
/// Streams (the hum's track keeps a few numbers per two seconds); throws <see cref="AudioFileException"/>
/// naming the file on a sample that is not a number.
/// </summary>
public sealed record RestoreAnalysis
{
    // A DC offset above -60 dBFS is worth removing (it eats headroom and thumps at edits).
    public const double DcLimit = 0.001;

    // Runs of two samples or more at a channel's extreme from which it counts as clipped there.
    public const int MinClipRuns = 10;

    // Low-band correlation below which a channel counts as turned over.
    public const double PolarityLimit = -0.5;

    // The least inter-channel delay (samples) corrected when asked for; in auto, the least and the coherence it
    // must be measured with.
    public const double MinDelay = 0.1;
    public const double AutoDelay = 0.25;
    public const double MinCoherence = 0.8;

    // A noise floor below this (dBFS) is left alone in auto.
    public const double NoiseLimit = -85.0;

    public required long Frames { get; init; }

    public required IReadOnlyList<double> Dc { get; init; }

    public required IReadOnlyList<double> Rms { get; init; }

    /// <summary>The correlation of the channels below 200 Hz (stereo); null otherwise or in silence.</summary>
    public double? LowBandCorrelation { get; init; }

    /// <summary>Each channel's clip levels: an extreme value the signal sat at, for two samples or more, at least <see cref="MinClipRuns"/> times.</summary>
    public IReadOnlyList<ClipLevel> Clips { get; init; } = [];

    public bool NeedsDc => Dc.Any(d => Math.Abs(d) > DcLimit);

    public bool NeedsDeclip => Clips.Any(c => c.Any);

    /// <summary>The mains hum found, or null.</summary>
    public HumProfile? Hum { get; init; }

    /// <summary>The tracker that found <see cref="Hum"/>, for a repair told the mains frequency.</summary>
    internal HumTracker? HumTracker { get; init; }

    /// <summary>The noise profile learned, when asked for and the input had passages to learn it from.</summary>
    public NoiseProfile? Noise { get; init; }

    /// <summary>A steady noise floor above -85 dBFS: what auto de-noise takes away (a quiet passage of music is no floor).</summary>
    public bool NeedsDenoise => Noise is { Steady: true, FloorDbfs: > NoiseLimit };

    /// <summary>The meter of the channels' delay (stereo, when asked for); read once the polarity repair is decided.</summary>
    internal ChannelDelayMeter? DelayMeter { get; init; }

    /// <summary>
    /// A delay a tape head's azimuth would leave (a quarter of a sample or more; a mix's own stereo effects read
    /// a little under that) between channels coherent enough (0.8) to trust it.
    /// </summary>
    public static bool NeedsAzimuth((double Samples, double Coherence)? delay) =>
        delay is { } d && Math.Abs(d.Samples) >= AutoDelay && d.Coherence >= MinCoherence;

    public bool NeedsPolarity => LowBandCorrelation < PolarityLimit;

    /// <summary>
    /// Measures <paramref name="reader"/>'s stream; the hum is looked for only when <paramref name="findHum"/>
    /// (its search is the costliest part of the pass, and only de-hum uses it), and a noise profile learned only
    /// when <paramref name="noise"/> is given (de-noise's settings), the channels' delay only when
    /// <paramref name="measureDelay"/> (and the input is stereo).
    /// </summary>
    public static RestoreAnalysis Measure(IAudioReader reader, int blockFrames, bool findHum, DenoiseSettings? noise, bool measureDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var info = reader.Info;
        var channels = info.Channels;
        var buffer = new AudioBuffer(channels, blockFrames);
        var low = new AudioBuffer(channels, blockFrames);
        var filter = new BiquadFilter(BiquadDesign.LowPass(info.SampleRate, 200.0, 0.7071));
        filter.Prepare(new AudioSpec(info.SampleRate, channels, blockFrames));
        var hum = findHum ? new HumTracker(info.SampleRate, blockFrames) : null;
        var learner = noise is null ? null : new NoiseLearner(info.SampleRate, channels, noise);
        var delay = measureDelay && channels == 2 ? new ChannelDelayMeter(info.SampleRate) : null;
        var clips = Enumerable.Range(0, channels).Select(_ => new ClipCounter()).ToArray();
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

                clips[c].Add(samples);
                sums[c] += VectorMath.Sum(samples);
                squares[c] += VectorMath.SumOfSquares(samples);
                samples.CopyTo(lowBlock[c]);
            }

            hum?.Add(block);
            learner?.Add(block);
            delay?.Add(block);
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
            Clips = [.. clips.Select(c => c.Level)],
            Hum = hum?.Result(),
            HumTracker = hum,
            Noise = learner?.Result(),
            DelayMeter = delay,
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

    // A channel's largest and smallest sample, and how many runs of two or more samples sat exactly at each.
    private sealed class ClipCounter
    {
        private float _max = float.NegativeInfinity;
        private float _min = float.PositiveInfinity;
        private int _atMax;
        private int _atMin;
        private int _runsAtMax;
        private int _runsAtMin;

        public ClipLevel Level => new(
            _runsAtMax >= MinClipRuns && _max > 0 ? _max : null,
            _runsAtMin >= MinClipRuns && _min < 0 ? _min : null);

        public void Add(ReadOnlySpan<float> samples)
        {
            // A block inside both extremes so far changes neither count but ends the runs at them (most blocks,
            // once the extremes are found): its minimum and maximum in vectors tell, and the samples are not visited.
            if (samples.IsEmpty)
            {
                return;
            }

            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            VectorMath.MinMax(samples, ref min, ref max);
            if (max < _max && min > _min)
            {
                (_atMax, _atMin) = (0, 0);
                return;
            }

            foreach (var v in samples)
            {
                if (v > _max)
                {
                    (_max, _atMax, _runsAtMax) = (v, 1, 0);
                }
                else if (v == _max)
                {
                    _runsAtMax += ++_atMax == 2 ? 1 : 0;
                }
                else
                {
                    _atMax = 0;
                }

                if (v < _min)
                {
                    (_min, _atMin, _runsAtMin) = (v, 1, 0);
                }
                else if (v == _min)
                {
                    _runsAtMin += ++_atMin == 2 ? 1 : 0;
                }
                else
                {
                    _atMin = 0;
                }
            }
        }
    }
}
