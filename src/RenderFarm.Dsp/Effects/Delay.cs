namespace RenderFarm.Dsp.Effects;

/// <summary>
/// A feedback delay per channel (or, in ping-pong, the mono sum bouncing between left and right), with
/// a one-pole high cut inside the feedback loop. The delay is a whole number of samples: the nearest to
/// the time or note value.
/// </summary>
public sealed class Delay : IAudioProcessor
{
    private DelaySettings _settings;
    private int _sampleRate;
    private int _delay;
    private float[][] _lines = [];
    private int _at;
    private double[] _lowPassState = [];
    private double _lowPass;

    public Delay(DelaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public DelaySettings Settings => _settings;

    /// <summary>The delay in samples at the prepared rate.</summary>
    public int DelayFrames => _delay;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _sampleRate = spec.SampleRate;
        _lines = Enumerable.Range(0, Math.Max(2, spec.Channels)).Select(_ => new float[(int)(4.0 * spec.SampleRate) + 1]).ToArray();
        _lowPassState = new double[_lines.Length];
        Configure();
        Reset();
    }

    /// <summary>Takes new settings between blocks (for automation); the lines keep their contents.</summary>
    public void Update(DelaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        Configure();
    }

    public void Reset()
    {
        foreach (var line in _lines)
        {
            Array.Clear(line);
        }

        Array.Clear(_lowPassState);
        _at = 0;
    }

    public void Process(AudioBlock block)
    {
        var length = _lines[0].Length;
        var feedback = _settings.Feedback;
        var wet = (float)_settings.Mix;
        var dry = 1.0f - wet;
        var pingPong = _settings.PingPong && block.Channels == 2;
        var at = _at;
        for (var n = 0; n < block.Frames; n++)
        {
            var read = at - _delay;
            if (read < 0)
            {
                read += length;
            }

            if (pingPong)
            {
                // Left echoes into right and right back into left; the input enters on the left.
                var l = _lines[0][read];
                var r = _lines[1][read];
                var input = 0.5f * (block[0][n] + block[1][n]);
                _lines[0][at] = (float)(input + (feedback * Damp(1, r)));
                _lines[1][at] = (float)(feedback * Damp(0, l));
                block[0][n] = (dry * block[0][n]) + (wet * l);
                block[1][n] = (dry * block[1][n]) + (wet * r);
            }
            else
            {
                for (var c = 0; c < block.Channels; c++)
                {
                    var echo = _lines[c][read];
                    var x = block[c][n];
                    _lines[c][at] = (float)(x + (feedback * Damp(c, echo)));
                    block[c][n] = (dry * x) + (wet * echo);
                }
            }

            at = at + 1 == length ? 0 : at + 1;
        }

        _at = at;
    }

    private double Damp(int channel, float x)
    {
        if (_lowPass == 0)
        {
            return x;
        }

        var y = _lowPassState[channel] = x + (_lowPass * (_lowPassState[channel] - x));
        return y;
    }

    private void Configure()
    {
        _delay = Math.Clamp((int)Math.Round(_settings.EffectiveMs * 0.001 * _sampleRate), 1, _lines.Length > 0 ? _lines[0].Length - 1 : int.MaxValue);
        _lowPass = _settings.HighCutHz == 0 || _settings.HighCutHz >= 0.45 * _sampleRate ? 0 : Math.Exp(-2.0 * Math.PI * _settings.HighCutHz / _sampleRate);
    }
}
