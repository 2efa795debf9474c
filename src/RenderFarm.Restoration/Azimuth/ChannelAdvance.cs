using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Azimuth;

/// <summary>
/// Brings one channel forward by a fraction of a sample and more, against the others, so that a channel that
/// lagged comes back into line with them and the output keeps their timing. Since it cannot look ahead, every
/// channel is delayed (<see cref="LatencyFrames"/>, which the caller takes out): the others by whole samples,
/// the one brought forward by that less the advance, through a windowed sinc (64 taps, Kaiser β 9: flat within
/// 0.01 dB to 0.4 of the sample rate). Memory is fixed; nothing is allocated per block.
/// </summary>
public sealed class ChannelAdvance : IAudioProcessor
{
    private const int Taps = 64;
    private const double Beta = 9.0;

    private float[] _kernel = [];
    private float[][] _history = [];
    private int _length;
    private int _at;

    public ChannelAdvance(int channel, double samples)
    {
        if (!double.IsFinite(samples) || samples < 0 || samples > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, $"a channel advance of {samples} samples: accepted 0 to 1000");
        }

        Channel = channel;
        Samples = samples;
    }

    /// <summary>The channel brought forward (from 0).</summary>
    public int Channel { get; }

    public double Samples { get; }

    public int LatencyFrames => (Taps / 2) + (int)Math.Ceiling(Samples);

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        if (Channel < 0 || Channel >= spec.Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), Channel, $"channel {Channel + 1} is not one of the {spec.Channels}");
        }

        // The channel's delay, latency less the advance, is Taps/2 and a fraction: the sinc's centre.
        var centre = (Taps / 2.0) + (Math.Ceiling(Samples) - Samples);
        _kernel = new float[Taps];
        for (var j = 0; j < Taps; j++)
        {
            var x = j - centre;
            var sinc = Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
            _kernel[j] = (float)(sinc * Kaiser.Window(x / ((Taps / 2.0) + 1), Beta));
        }

        var sum = _kernel.Sum(k => (double)k);
        for (var j = 0; j < Taps; j++)
        {
            _kernel[j] = (float)(_kernel[j] / sum);
        }

        _length = LatencyFrames + Taps + 1;
        _history = [.. Enumerable.Range(0, spec.Channels).Select(_ => new float[2 * _length])];
        Reset();
    }

    public void Reset()
    {
        foreach (var h in _history)
        {
            Array.Clear(h);
        }

        _at = 0;
    }

    public void Process(AudioBlock block)
    {
        var latency = LatencyFrames;
        for (var i = 0; i < block.Frames; i++)
        {
            // Each channel's history is kept twice over, so that its last samples are always in one run.
            for (var c = 0; c < block.Channels; c++)
            {
                var h = _history[c];
                var x = block[c][i];
                h[_at] = x;
                h[_at + _length] = x;
                var newest = _at + _length;
                if (c == Channel)
                {
                    var sum = 0f;
                    for (var j = 0; j < Taps; j++)
                    {
                        sum += _kernel[j] * h[newest - j];
                    }

                    block[c][i] = sum;
                }
                else
                {
                    block[c][i] = h[newest - latency];
                }
            }

            _at = _at + 1 == _length ? 0 : _at + 1;
        }
    }
}
