namespace RenderFarm.Dsp.Effects;

/// <summary>
/// A chorus: each voice reads the channel's recent past at a delay swept by a sine (voices spread evenly
/// in phase), with cubic (Catmull-Rom) interpolation between samples; the voices' mean is mixed with the
/// dry signal. The LFO runs on the absolute frame count, so a render is the same however it is blocked.
/// </summary>
public sealed class Chorus : IAudioProcessor
{
    private ChorusSettings _settings;
    private int _sampleRate;
    private float[][] _lines = [];
    private int _mask;
    private int _at;
    private long _frames;

    public Chorus(ChorusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public ChorusSettings Settings => _settings;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _sampleRate = spec.SampleRate;
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)((0.06 * spec.SampleRate) + 8));
        _lines = Enumerable.Range(0, spec.Channels).Select(_ => new float[size]).ToArray();
        _mask = size - 1;
        Reset();
    }

    /// <summary>Takes new settings between blocks (for automation).</summary>
    public void Update(ChorusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    public void Reset()
    {
        foreach (var line in _lines)
        {
            Array.Clear(line);
        }

        _at = 0;
        _frames = 0;
    }

    public void Process(AudioBlock block)
    {
        var centre = _settings.DelayMs * 0.001 * _sampleRate;
        var depth = _settings.DepthMs * 0.001 * _sampleRate;
        var step = 2.0 * Math.PI * _settings.RateHz / _sampleRate;
        var voices = _settings.Voices;
        var wet = (float)_settings.Mix;
        var dry = 1.0f - wet;
        for (var c = 0; c < block.Channels; c++)
        {
            var line = _lines[c];
            var x = block[c];
            var channelPhase = c == 1 ? _settings.Spread * Math.PI / 2.0 : 0.0;
            var at = _at;
            for (var n = 0; n < x.Length; n++)
            {
                line[at] = x[n];
                var sum = 0.0;
                var phase = ((_frames + n) * step) + channelPhase;
                for (var v = 0; v < voices; v++)
                {
                    var delay = centre + (depth * Math.Sin(phase + (2.0 * Math.PI * v / voices)));
                    sum += Read(line, at, delay);
                }

                x[n] = (dry * x[n]) + (wet * (float)(sum / voices));
                at = (at + 1) & _mask;
            }
        }

        _at = (_at + block.Frames) & _mask;
        _frames += block.Frames;
    }

    // The line's value `delay` samples before position `at`, Catmull-Rom between its neighbours.
    private double Read(float[] line, int at, double delay)
    {
        var whole = (int)delay;
        var t = delay - whole;
        float P(int k) => line[(at - whole - k) & _mask];
        double p0 = P(-1), p1 = P(0), p2 = P(1), p3 = P(2);

        // Going back in time: from p1 (delay whole) towards p2 (delay whole + 1).
        return p1 + (0.5 * t * (p2 - p0 + (t * ((2.0 * p0) - (5.0 * p1) + (4.0 * p2) - p3 + (t * ((3.0 * (p1 - p2)) + p3 - p0))))));
    }
}
