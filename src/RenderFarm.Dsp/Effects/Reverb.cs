namespace RenderFarm.Dsp.Effects;

/// <summary>
/// A feedback-delay-network reverb (Jot): the input, summed to mono, pre-delayed and smeared by four
/// series all-passes, feeds eight delay lines of mutually prime lengths whose outputs are mixed back
/// through a Householder matrix (lossless, every line reaches every other). Each line's loop gain sets
/// the decay time exactly at low frequencies; a one-pole low-pass in each loop makes the highs die
/// sooner. Even lines make the left output, odd lines the right, so the two sides are decorrelated.
/// </summary>
public sealed class Reverb : IAudioProcessor
{
    private const int Lines = 8;
    private static readonly double[] LineMs = [29.7, 37.1, 41.1, 43.7, 53.0, 59.9, 67.7, 73.1];
    private static readonly double[] DiffuserMs = [4.77, 3.59, 12.73, 9.31];
    private const double DiffuserGain = 0.7;

    private ReverbSettings _settings;
    private int _sampleRate;
    private float[] _preDelay = [];
    private int _preDelayLength;
    private int _preDelayAt;
    private readonly float[][] _diffusers = new float[DiffuserMs.Length][];
    private readonly int[] _diffuserAt = new int[DiffuserMs.Length];
    private readonly float[][] _lines = new float[Lines][];
    private readonly int[] _lineAt = new int[Lines];
    private readonly double[] _loopGain = new double[Lines];
    private readonly double[] _damped = new double[Lines];
    private double _damping;
    private float[] _wet = [];

    public Reverb(ReverbSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public ReverbSettings Settings => _settings;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        if (spec.Channels > 2)
        {
            throw new ArgumentException($"the reverb takes mono or stereo; the audio has {spec.Channels} channels", nameof(spec));
        }

        _sampleRate = spec.SampleRate;
        _preDelay = new float[Samples(500.0) + 1];
        for (var i = 0; i < DiffuserMs.Length; i++)
        {
            _diffusers[i] = new float[Math.Max(1, Samples(DiffuserMs[i]))];
        }

        var used = new HashSet<int>();
        for (var i = 0; i < Lines; i++)
        {
            // Mutually prime lengths keep the lines' echoes from piling up on the same samples.
            var length = Math.Max(8, Samples(LineMs[i] * _settings.Size));
            while (!IsPrime(length) || !used.Add(length))
            {
                length++;
            }

            _lines[i] = new float[length];
        }

        _wet = new float[2 * spec.MaxBlockFrames];
        Configure();
        Reset();
    }

    /// <summary>Takes new settings between blocks (pre-delay, decay, damping, mix; the size is fixed once prepared).</summary>
    public void Update(ReverbSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings with { Size = _settings.Size };
        Configure();
    }

    public void Reset()
    {
        Array.Clear(_preDelay);
        foreach (var d in _diffusers.Where(d => d is not null))
        {
            Array.Clear(d);
        }

        foreach (var l in _lines.Where(l => l is not null))
        {
            Array.Clear(l);
        }

        Array.Clear(_diffuserAt);
        Array.Clear(_lineAt);
        Array.Clear(_damped);
        _preDelayAt = 0;
    }

    public void Process(AudioBlock block)
    {
        var frames = block.Frames;
        var stereo = block.Channels == 2;
        var left = block[0];
        var right = stereo ? block[1] : block[0];
        var wet = _wet.AsSpan(0, 2 * frames);
        var damping = _damping;
        var outputScale = 1.0 / Math.Sqrt(Lines / 2.0);
        Span<double> outputs = stackalloc double[Lines];
        for (var n = 0; n < frames; n++)
        {
            // Mono input through the pre-delay.
            var input = stereo ? 0.5f * (left[n] + right[n]) : left[n];
            _preDelay[_preDelayAt] = input;
            var readAt = _preDelayAt - _preDelayLength;
            var x = (double)_preDelay[readAt < 0 ? readAt + _preDelay.Length : readAt];
            _preDelayAt = _preDelayAt + 1 == _preDelay.Length ? 0 : _preDelayAt + 1;

            // Series all-passes: y = -g x + d, d' = x + g y.
            for (var i = 0; i < _diffusers.Length; i++)
            {
                var line = _diffusers[i];
                var at = _diffuserAt[i];
                var delayed = line[at];
                var y = (-DiffuserGain * x) + delayed;
                line[at] = (float)(x + (DiffuserGain * y));
                _diffuserAt[i] = at + 1 == line.Length ? 0 : at + 1;
                x = y;
            }

            // Read every line, damp and scale it, mix through the Householder matrix, write back.
            var sum = 0.0;
            for (var i = 0; i < Lines; i++)
            {
                var o = _lines[i][_lineAt[i]];
                outputs[i] = o;
                var d = _damped[i] = o + (damping * (_damped[i] - o));
                sum += _loopGain[i] * d;
            }

            var reflect = 2.0 / Lines * sum;
            double l = 0, r = 0;
            for (var i = 0; i < Lines; i++)
            {
                var line = _lines[i];
                var at = _lineAt[i];
                var feedback = (_loopGain[i] * _damped[i]) - reflect;
                line[at] = (float)(feedback + ((i & 2) == 0 ? x : -x));
                _lineAt[i] = at + 1 == line.Length ? 0 : at + 1;
                if ((i & 1) == 0)
                {
                    l += (i & 4) == 0 ? outputs[i] : -outputs[i];
                }
                else
                {
                    r += (i & 4) == 0 ? outputs[i] : -outputs[i];
                }
            }

            wet[2 * n] = (float)(l * outputScale);
            wet[(2 * n) + 1] = (float)(r * outputScale);
        }

        var mix = (float)_settings.Mix;
        var dry = 1.0f - mix;
        for (var n = 0; n < frames; n++)
        {
            if (stereo)
            {
                left[n] = (dry * left[n]) + (mix * wet[2 * n]);
                right[n] = (dry * right[n]) + (mix * wet[(2 * n) + 1]);
            }
            else
            {
                left[n] = (dry * left[n]) + (mix * 0.5f * (wet[2 * n] + wet[(2 * n) + 1]));
            }
        }
    }

    private void Configure()
    {
        _preDelayLength = Samples(_settings.PreDelayMs);

        // The low-pass pole; its loop gain at DC is 1, so the decay time holds at low frequencies.
        _damping = 0.75 * _settings.Damping;
        for (var i = 0; i < Lines; i++)
        {
            if (_lines[i] is { } line)
            {
                // -60 dB after DecaySeconds: each pass through a line of length L loses 60 L / (T fs) dB.
                _loopGain[i] = Math.Pow(10.0, -3.0 * line.Length / (_settings.DecaySeconds * _sampleRate));
            }
        }
    }

    private int Samples(double ms) => (int)Math.Round(ms * 0.001 * _sampleRate);

    private static bool IsPrime(int n)
    {
        if (n < 2 || n % 2 == 0)
        {
            return n == 2;
        }

        for (var d = 3; d * d <= n; d += 2)
        {
            if (n % d == 0)
            {
                return false;
            }
        }

        return true;
    }
}
