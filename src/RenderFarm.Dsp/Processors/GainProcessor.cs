namespace RenderFarm.Dsp.Processors;

/// <summary>Applies a gain in dB to every channel; changes ramp linearly over <see cref="SmoothingMilliseconds"/>.</summary>
public sealed class GainProcessor : IAudioProcessor
{
    public const double MinGainDb = -144.0;
    public const double MaxGainDb = 48.0;

    private SmoothedValue[] _gains = [];
    private double _gainDb;
    private int _sampleRate;

    public GainProcessor(double gainDb = 0.0, double smoothingMilliseconds = 20.0)
    {
        Guard.InRange(smoothingMilliseconds, 0.0, 10_000.0, "gain smoothing time", "ms");
        SmoothingMilliseconds = smoothingMilliseconds;
        GainDb = gainDb;
    }

    public double SmoothingMilliseconds { get; }

    /// <summary>The target gain; -144 dB or below is silence.</summary>
    public double GainDb
    {
        get => _gainDb;
        set
        {
            Guard.InRange(value, double.NegativeInfinity, MaxGainDb, "gain", "dB");
            _gainDb = value;
            var linear = value <= MinGainDb ? 0.0 : Decibels.ToAmplitude(value);
            for (var c = 0; c < _gains.Length; c++)
            {
                _gains[c].SetTarget(linear);
            }
        }
    }

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _sampleRate = spec.SampleRate;
        var linear = _gainDb <= MinGainDb ? 0.0 : Decibels.ToAmplitude(_gainDb);
        var ramp = (int)Math.Round(SmoothingMilliseconds * _sampleRate / 1000.0);
        _gains = new SmoothedValue[spec.Channels];
        for (var c = 0; c < spec.Channels; c++)
        {
            _gains[c] = new SmoothedValue(linear, ramp);
        }
    }

    public void Process(AudioBlock block)
    {
        for (var c = 0; c < block.Channels; c++)
        {
            ref var gain = ref _gains[c];
            var samples = block[c];
            var i = 0;
            for (; i < samples.Length && gain.IsRamping; i++)
            {
                samples[i] = (float)(samples[i] * gain.Next());
            }

            if (i < samples.Length)
            {
                VectorMath.Scale(samples[i..], (float)gain.Current);
            }
        }
    }

    public void Reset()
    {
        for (var c = 0; c < _gains.Length; c++)
        {
            _gains[c].SetImmediate(_gains[c].Target);
        }
    }
}
