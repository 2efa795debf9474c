namespace RenderFarm.Dsp.Dynamics;

/// <summary>
/// A gate or downward expander, stereo-linked. As in <see cref="Compressor"/>, the level is the peak of
/// each group of 4 frames, the curve and the smoothing (in dB; attack opens, release closes, after the
/// hold) run once per group, and the linear gain is interpolated across the group's frames.
/// </summary>
public sealed class Gate : IAudioProcessor
{
    private const int ControlStep = ControlRate.Step;
    private GateSettings _settings;
    private float[] _level = [];
    private float[] _wanted = [];
    private float[] _gain = [];
    private double _attack;
    private double _release;
    private int _holdSteps;
    private int _sampleRate;
    private double _smoothed;
    private double _lastGain;
    private int _holding;

    public Gate(GateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public GateSettings Settings => _settings;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _sampleRate = spec.SampleRate;
        _level = new float[spec.MaxBlockFrames];
        _gain = new float[spec.MaxBlockFrames];
        _wanted = new float[(spec.MaxBlockFrames / ControlStep) + 1];
        Configure();
        Reset();
    }

    /// <summary>Takes new settings between blocks without losing the gate's state (for automation).</summary>
    public void Update(GateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        Configure();
    }

    public void Reset()
    {
        // Closed until the programme opens it: silence before the first note stays silent.
        _smoothed = -_settings.RangeDb;
        _lastGain = Decibels.ToAmplitude(_smoothed);
        _holding = 0;
    }

    public void Process(AudioBlock block)
    {
        var frames = block.Frames;
        var groups = ControlRate.Groups(frames);
        var level = _level.AsSpan(0, frames);
        var wanted = _wanted.AsSpan(0, groups);
        var gains = _gain.AsSpan(0, frames);
        VectorMath.MaxAbsAcrossChannels(block, level);
        ControlRate.GroupPeaks(level, wanted);

        VectorMath.AmplitudeToDecibels(wanted, wanted);
        double smoothed = _smoothed;
        var holding = _holding;
        for (var j = 0; j < groups; j++)
        {
            var target = _settings.GainDb(wanted[j]);
            if (target >= smoothed)
            {
                // Opening (or staying open): restart the hold.
                smoothed = target + (_attack * (smoothed - target));
                holding = _holdSteps;
            }
            else if (holding > 0)
            {
                holding--;
            }
            else
            {
                smoothed = target + (_release * (smoothed - target));
            }

            wanted[j] = (float)smoothed;
        }

        _smoothed = smoothed;
        _holding = holding;
        VectorMath.DecibelsToAmplitude(wanted, wanted);
        _lastGain = ControlRate.Interpolate(wanted, gains, (float)_lastGain);
        for (var c = 0; c < block.Channels; c++)
        {
            VectorMath.Multiply(block[c], gains);
        }
    }

    private void Configure()
    {
        _attack = Math.Exp(-ControlStep / (_settings.AttackMs * 0.001 * _sampleRate));
        _release = Math.Exp(-ControlStep / (_settings.ReleaseMs * 0.001 * _sampleRate));
        _holdSteps = (int)Math.Round(_settings.HoldMs * 0.001 * _sampleRate / ControlStep);
    }
}
