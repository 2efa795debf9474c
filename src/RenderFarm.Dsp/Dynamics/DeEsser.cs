using RenderFarm.Dsp.Filters;

namespace RenderFarm.Dsp.Dynamics;

/// <summary>
/// A split-band de-esser, stereo-linked. The sibilant band is what a second-order low-pass at the set
/// frequency leaves out, x - lowpass(x): unlike a high-pass filter's output it is in phase with x above
/// the frequency, so turning it down takes the highs down by the full amount. It is the sidechain and
/// the band turned down: the output is x - (1 - g) * band, so with no reduction the signal passes
/// untouched, bit for bit. The gain runs at the dynamics control rate (<see cref="Compressor"/>).
/// </summary>
public sealed class DeEsser : IAudioProcessor
{
    private DeEsserSettings _settings;
    private BiquadFilter? _lowPass;
    private AudioBuffer? _band;
    private float[] _level = [];
    private float[] _wanted = [];
    private float[] _gain = [];
    private int _sampleRate;
    private double _attack;
    private double _release;
    private double _smoothed;
    private double _lastGain = 1.0;

    public DeEsser(DeEsserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public DeEsserSettings Settings => _settings;

    /// <summary>The deepest reduction of the sibilant band so far, in dB (0 or negative).</summary>
    public double MaxReductionDb { get; private set; }

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        Guard.Frequency(_settings.FrequencyHz, spec.SampleRate * 0.9, "de_esser.frequency_hz");
        _sampleRate = spec.SampleRate;
        _lowPass = new BiquadFilter(BiquadDesign.LowPass(spec.SampleRate, _settings.FrequencyHz, Math.Sqrt(0.5)));
        _lowPass.Prepare(spec);
        _band = new AudioBuffer(spec.Channels, spec.MaxBlockFrames);
        _level = new float[spec.MaxBlockFrames];
        _gain = new float[spec.MaxBlockFrames];
        _wanted = new float[ControlRate.Groups(spec.MaxBlockFrames)];
        Configure();
        Reset();
    }

    /// <summary>Takes new settings between blocks, keeping the filter and gain state (for automation).</summary>
    public void Update(DeEsserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (_lowPass is not null && settings.FrequencyHz != _settings.FrequencyHz)
        {
            _lowPass.SetCoefficients(BiquadDesign.LowPass(_sampleRate, settings.FrequencyHz, Math.Sqrt(0.5)));
        }

        _settings = settings;
        Configure();
    }

    public void Reset()
    {
        _lowPass?.Reset();
        _smoothed = 0.0;
        _lastGain = 1.0;
        MaxReductionDb = 0.0;
    }

    public void Process(AudioBlock block)
    {
        var lowPass = _lowPass ?? throw new InvalidOperationException("the de-esser must be prepared before use");
        var frames = block.Frames;
        var band = _band!.AsBlock(frames);
        for (var c = 0; c < block.Channels; c++)
        {
            block[c].CopyTo(band[c]);
        }

        lowPass.Process(band);
        for (var c = 0; c < block.Channels; c++)
        {
            // band = x - lowpass(x)
            VectorMath.Scale(band[c], -1.0f);
            VectorMath.Add(block[c], band[c]);
        }

        var level = _level.AsSpan(0, frames);
        var wanted = _wanted.AsSpan(0, ControlRate.Groups(frames));
        VectorMath.MaxAbsAcrossChannels(band, level);
        ControlRate.GroupPeaks(level, wanted);
        VectorMath.AmplitudeToDecibels(wanted, wanted);
        double smoothed = _smoothed, deepest = MaxReductionDb;
        for (var j = 0; j < wanted.Length; j++)
        {
            var target = _settings.GainDb(wanted[j]);
            smoothed = target + ((target < smoothed ? _attack : _release) * (smoothed - target));
            deepest = Math.Min(deepest, smoothed);
            wanted[j] = (float)smoothed;
        }

        _smoothed = smoothed;
        MaxReductionDb = deepest;
        VectorMath.DecibelsToAmplitude(wanted, wanted);
        var gains = _gain.AsSpan(0, frames);
        _lastGain = ControlRate.Interpolate(wanted, gains, (float)_lastGain);

        // x - (1 - g) * band = x + (g - 1) * band; nothing to do while g is 1 throughout.
        VectorMath.Offset(gains, -1.0f);
        if (VectorMath.MaxAbs(gains) == 0.0f)
        {
            return;
        }

        for (var c = 0; c < block.Channels; c++)
        {
            VectorMath.MultiplyAdd(band[c], gains, block[c]);
        }
    }

    private void Configure()
    {
        _attack = Math.Exp(-ControlRate.Step / (_settings.AttackMs * 0.001 * _sampleRate));
        _release = Math.Exp(-ControlRate.Step / (_settings.ReleaseMs * 0.001 * _sampleRate));
    }
}
