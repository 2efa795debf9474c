using System.Numerics;

namespace RenderFarm.Dsp.Dynamics;

/// <summary>
/// A feed-forward compressor, stereo-linked (the loudest channel drives one gain for all). The soft-knee
/// curve gives the wanted gain in dB, smoothed in the dB domain with separate attack and release (the
/// decoupled design of Giannoulis et al.). The smoothing runs at a control rate of one step per 4 frames,
/// driven by the loudest sample among them (no sample escapes the detector; the curve being monotonic,
/// that is the deepest gain any of them asks for), and the linear gain is interpolated between steps:
/// the level conversion, the curve and the recursion, the costly parts, run a quarter as often.
/// </summary>
public sealed class Compressor : IAudioProcessor
{
    private CompressorSettings _settings;
    private int _sampleRate;
    private float[] _level = [];
    private float[] _gain = [];
    private float[] _wanted = [];
    private double _attack;
    private double _release;
    private double _smoothed;
    private double _lastGain = 1.0;
    private const int ControlStep = ControlRate.Step;

    public Compressor(CompressorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public CompressorSettings Settings => _settings;

    /// <summary>The deepest gain reduction applied so far, in dB (0 or negative, makeup not counted).</summary>
    public double MaxGainReductionDb { get; private set; }

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _level = new float[spec.MaxBlockFrames];
        _gain = new float[spec.MaxBlockFrames];
        _wanted = new float[(spec.MaxBlockFrames / ControlStep) + 1];
        _sampleRate = spec.SampleRate;
        Configure();
        Reset();
    }

    /// <summary>Takes new settings between blocks without losing the gain state (for automation).</summary>
    public void Update(CompressorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        Configure();
    }

    private void Configure()
    {
        _attack = Math.Exp(-ControlStep / (_settings.AttackMs * 0.001 * _sampleRate));
        _release = Math.Exp(-ControlStep / (_settings.ReleaseMs * 0.001 * _sampleRate));
    }

    public void Reset()
    {
        _smoothed = 0.0;
        _lastGain = Decibels.ToAmplitude(_settings.MakeupDb);
        MaxGainReductionDb = 0.0;
    }

    public void Process(AudioBlock block)
    {
        var gains = _gain.AsSpan(0, block.Frames);
        if (!Gains(block, gains))
        {
            if (_settings.MakeupDb != 0)
            {
                var makeup = (float)_lastGain;
                for (var c = 0; c < block.Channels; c++)
                {
                    VectorMath.Scale(block[c], makeup);
                }
            }

            return;
        }

        for (var c = 0; c < block.Channels; c++)
        {
            VectorMath.Multiply(block[c], gains);
        }
    }

    /// <summary>
    /// Compresses <paramref name="block"/> and adds the result into <paramref name="sum"/>, leaving the block
    /// itself as it was: the recombination of a multiband compressor in the same sweep.
    /// </summary>
    public void ProcessInto(AudioBlock block, AudioBlock sum)
    {
        var gains = _gain.AsSpan(0, block.Frames);
        if (!Gains(block, gains))
        {
            for (var c = 0; c < block.Channels; c++)
            {
                VectorMath.MultiplyAdd(block[c], (float)_lastGain, sum[c]);
            }

            return;
        }

        for (var c = 0; c < block.Channels; c++)
        {
            VectorMath.MultiplyAdd(block[c], gains, sum[c]);
        }
    }

    // The linear gain (makeup included) for each frame of the block; false when the block only needs the
    // makeup gain (nothing reaches the knee and the gain has released to within 0.0001 dB of unity: the
    // full computation would differ by less than that).
    private bool Gains(AudioBlock block, Span<float> gains)
    {
        var frames = block.Frames;
        var groups = ControlRate.Groups(frames);
        var level = _level.AsSpan(0, frames);
        var wanted = _wanted.AsSpan(0, groups);
        VectorMath.MaxAbsAcrossChannels(block, level);
        ControlRate.GroupPeaks(level, wanted);
        var makeup = _settings.MakeupDb;
        if (Math.Abs(_smoothed) < 1e-4 && Decibels.FromAmplitude(VectorMath.MaxAbs(wanted)) < _settings.ThresholdDb - (_settings.KneeDb / 2))
        {
            _smoothed = 0.0;
            _lastGain = Decibels.ToAmplitude(makeup);
            return false;
        }

        // The curve is monotonic: the deepest gain a group of frames asks for is the one its loudest
        // frame asks for, so the level is converted and the curve evaluated once per group.
        VectorMath.AmplitudeToDecibels(wanted, wanted);
        StaticGain(wanted, wanted);

        // Attack while the wanted gain falls below the smoothed one, release while it rises; one step per
        // group, the target of each step (in dB, makeup added) kept for the interpolation below.
        double smoothed = _smoothed, attack = _attack, release = _release, deepest = MaxGainReductionDb;
        for (var j = 0; j < wanted.Length; j++)
        {
            var w = (double)wanted[j];
            smoothed = w + ((w < smoothed ? attack : release) * (smoothed - w));
            deepest = Math.Min(deepest, smoothed);
            wanted[j] = (float)(smoothed + makeup);
        }

        _smoothed = smoothed;
        MaxGainReductionDb = deepest;

        // Linear gain at the end of each group, interpolated linearly across the group's frames from the
        // end of the one before.
        VectorMath.DecibelsToAmplitude(wanted, wanted);
        _lastGain = ControlRate.Interpolate(wanted, gains, (float)_lastGain);
        return true;
    }

    // Gain in dB the curve asks for at each input level (0 below the knee, negative above).
    private void StaticGain(ReadOnlySpan<float> levelDb, Span<float> gainDb)
    {
        var threshold = (float)_settings.ThresholdDb;
        var knee = (float)_settings.KneeDb;
        var slope = (float)((1.0 / _settings.Ratio) - 1.0);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var t = new Vector<float>(threshold);
            var halfKnee = new Vector<float>(knee / 2f);
            var s = new Vector<float>(slope);
            var kneeScale = new Vector<float>(knee > 0f ? slope / (2f * knee) : 0f);
            for (; i <= levelDb.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var over = new Vector<float>(levelDb[i..]) - t;
                var above = over * s;
                var k = over + halfKnee;
                var inKnee = k * k * kneeScale;
                var result = Vector.ConditionalSelect(Vector.LessThan(over, -halfKnee), Vector<float>.Zero,
                    Vector.ConditionalSelect(Vector.GreaterThan(over, halfKnee), above, inKnee));
                result.CopyTo(gainDb[i..]);
            }
        }

        for (; i < levelDb.Length; i++)
        {
            gainDb[i] = (float)(_settings.OutputDb(levelDb[i]) - levelDb[i]);
        }
    }
}
