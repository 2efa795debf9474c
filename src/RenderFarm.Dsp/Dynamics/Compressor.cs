using System.Numerics;

namespace RenderFarm.Dsp.Dynamics;

/// <summary>
/// A feed-forward compressor, stereo-linked (the loudest channel drives one gain for all). The level is
/// taken sample by sample in dB, the soft-knee curve gives the wanted gain, and that gain is smoothed in
/// the dB domain with separate attack and release (the decoupled design of Giannoulis et al.). The
/// smoothing runs at a control rate of one step per 4 samples (on the deepest gain wanted among them)
/// and the gain is interpolated linearly between steps: no sample escapes the detector, and the
/// recursion, the costly part, runs a quarter as often.
/// </summary>
public sealed class Compressor : IAudioProcessor
{
    private readonly CompressorSettings _settings;
    private float[] _level = [];
    private float[] _gain = [];
    private double _attack;
    private double _release;
    private double _smoothed;
    private const int ControlStep = 4;

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
        _attack = Math.Exp(-ControlStep / (_settings.AttackMs * 0.001 * spec.SampleRate));
        _release = Math.Exp(-ControlStep / (_settings.ReleaseMs * 0.001 * spec.SampleRate));
        Reset();
    }

    public void Reset()
    {
        _smoothed = 0.0;
        MaxGainReductionDb = 0.0;
    }

    public void Process(AudioBlock block)
    {
        var frames = block.Frames;
        var level = _level.AsSpan(0, frames);
        var gain = _gain.AsSpan(0, frames);
        VectorMath.MaxAbsAcrossChannels(block, level);

        // Nothing reaches the knee and the gain has released to within 0.0001 dB of unity: the block
        // passes with the makeup gain only (the full computation would differ by less than that).
        if (Math.Abs(_smoothed) < 1e-4 && Decibels.FromAmplitude(VectorMath.MaxAbs(level)) < _settings.ThresholdDb - (_settings.KneeDb / 2))
        {
            _smoothed = 0.0;
            if (_settings.MakeupDb != 0)
            {
                var makeupGain = (float)Decibels.ToAmplitude(_settings.MakeupDb);
                for (var c = 0; c < block.Channels; c++)
                {
                    VectorMath.Scale(block[c], makeupGain);
                }
            }

            return;
        }

        VectorMath.AmplitudeToDecibels(level, level);
        StaticGain(level, gain);

        // Attack while the wanted gain falls below the smoothed one, release while it rises; one step per
        // ControlStep samples, interpolated between (the first block starts from the previous step's value).
        double smoothed = _smoothed, attack = _attack, release = _release, deepest = MaxGainReductionDb;
        var makeup = (float)_settings.MakeupDb;
        for (var start = 0; start < frames; start += ControlStep)
        {
            var count = Math.Min(ControlStep, frames - start);
            var wanted = (double)gain[start];
            for (var k = 1; k < count; k++)
            {
                wanted = Math.Min(wanted, gain[start + k]);
            }

            var a = wanted < smoothed ? attack : release;
            var next = wanted + (a * (smoothed - wanted));
            var step = (next - smoothed) / count;
            for (var k = 1; k <= count; k++)
            {
                gain[start + k - 1] = (float)(smoothed + (step * k)) + makeup;
            }

            smoothed = next;
            deepest = Math.Min(deepest, smoothed);
        }

        _smoothed = smoothed;
        MaxGainReductionDb = deepest;
        VectorMath.DecibelsToAmplitude(gain, gain);
        for (var c = 0; c < block.Channels; c++)
        {
            VectorMath.Multiply(block[c], gain);
        }
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
