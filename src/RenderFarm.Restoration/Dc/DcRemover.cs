using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Dc;

/// <summary>
/// Removes DC and the slow drift of a transfer's offset with a linear-phase high-pass: the input, delayed, less
/// its local mean taken by two moving averages of half a second in cascade (a triangular window of one
/// second). Nothing is shifted in phase; the response is 0 at DC and at every multiple of 2 Hz below the music,
/// within 0.01 dB from 20 Hz up. Output lags input by <see cref="LatencyFrames"/> (half a second, less a frame).
/// Sums are kept in double and taken afresh from their windows once a window, so they do not drift.
/// </summary>
public sealed class DcRemover : IAudioProcessor
{
    private double[][] _first = [];
    private double[][] _second = [];
    private float[][] _delay = [];
    private double[] _sum1 = [];
    private double[] _sum2 = [];
    private int _length;
    private int _at;
    private int _delayAt;

    /// <summary>Output lags input by the two averages' combined delay.</summary>
    public int LatencyFrames => _length - 1;

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        _length = Math.Max(2, spec.SampleRate / 2);
        var channels = spec.Channels;
        _first = new double[channels][];
        _second = new double[channels][];
        _delay = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            _first[c] = new double[_length];
            _second[c] = new double[_length];
            _delay[c] = new float[_length - 1];
        }

        _sum1 = new double[channels];
        _sum2 = new double[channels];
        Reset();
    }

    public void Reset()
    {
        for (var c = 0; c < _first.Length; c++)
        {
            Array.Clear(_first[c]);
            Array.Clear(_second[c]);
            Array.Clear(_delay[c]);
        }

        Array.Clear(_sum1);
        Array.Clear(_sum2);
        _at = 0;
        _delayAt = 0;
    }

    public void Process(AudioBlock block)
    {
        var scale = 1.0 / ((double)_length * _length);
        for (var i = 0; i < block.Frames; i++)
        {
            var slot = _at;
            var delaySlot = _delayAt;
            for (var c = 0; c < block.Channels; c++)
            {
                var samples = block[c];
                double x = samples[i];

                // First average (a running sum of the last _length inputs), then the second over the first's sums.
                _sum1[c] += x - _first[c][slot];
                _first[c][slot] = x;
                _sum2[c] += _sum1[c] - _second[c][slot];
                _second[c][slot] = _sum1[c];

                var delayed = _delay[c][delaySlot];
                _delay[c][delaySlot] = samples[i];
                samples[i] = (float)(delayed - (_sum2[c] * scale));
            }

            if (++_delayAt == _length - 1)
            {
                _delayAt = 0;
            }

            if (++_at == _length)
            {
                _at = 0;
                Refresh();
            }
        }
    }

    // The running sums taken afresh from their windows (no drift from adding and taking away for hours).
    private void Refresh()
    {
        for (var c = 0; c < _first.Length; c++)
        {
            _sum1[c] = _first[c].Sum();
            _sum2[c] = _second[c].Sum();
        }
    }
}
