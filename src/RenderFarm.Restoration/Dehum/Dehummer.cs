using System.Numerics;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Spectral;

namespace RenderFarm.Restoration.Dehum;

/// <summary>
/// Removes mains hum found by <see cref="HumTracker"/> by subtracting it rather than filtering: the hum's phase
/// is followed sample by sample along the tracked fundamental (interpolated between the two-second segments,
/// so a hum drifting by a fraction of a hertz stays locked), and each harmonic's amplitude and phase are fitted
/// by least squares (Hann-weighted projection) over the half-second frame and the second after it; the fitted
/// harmonics are taken away, their coefficients moving linearly from one frame's fit to the next. Music is
/// left alone but for what of it lies within about 1.3 Hz of a harmonic: no notch, no phase shift around it.
/// Output lags input by <see cref="FrameRepair.LatencyFrames"/>.
/// </summary>
public sealed class Dehummer(HumProfile hum) : FrameRepair
{
    // Half-second frames, each fitted over itself and the second after it: the Hann-weighted fit over 1.5 s
    // is blind to music more than 1.3 Hz from a harmonic (a quarter-second window took what lay within 5 Hz).
    private const double FrameSeconds = 0.5;
    private const double AheadSeconds = 1.0;

    // Samples between exact evaluations of the fundamental's phase (rotated on in between).
    private const int Sync = 256;

    // Frames of room in the phase tables past the window (see _offset).
    private const int Spare = 4;
    private readonly HumProfile _hum = hum ?? throw new ArgumentNullException(nameof(hum));
    private int[] _harmonics = [];
    private double _rate;
    private int _channels;
    private int _window;
    private float[] _weights = [];
    private double _weightSum;
    // cos and sin of each harmonic's phase over the window, for the frame being repaired (every channel's).
    // The tables hold Spare frames beyond the window, so that they are moved down once every Spare frames
    // rather than every frame; _offset is where the current window starts in them.
    private float[][] _cos = [];
    private float[][] _sin = [];
    private int _offset;
    private double[][] _previous = [];
    private double[] _fit = [];
    private float[] _weighted = [];
    private float[] _ramp = [];
    private bool _started;
    // The fundamental's phase at the next sample the tables are computed for.
    private double _phase;

    /// <summary>The hum this removes.</summary>
    public HumProfile Hum => _hum;

    protected override (int Frame, int Ahead, int Before) Layout(AudioSpec spec)
    {
        _rate = spec.SampleRate;
        _channels = spec.Channels;
        _harmonics = [.. _hum.Harmonics.Where(k => k * (_hum.Mains + 1) < 0.45 * _rate)];
        var frame = (int)(FrameSeconds * _rate);
        var ahead = (int)(AheadSeconds * _rate);
        _window = frame + ahead;
        _weights = new float[_window];
        LinearPrediction.Hann(_weights);
        _weightSum = _weights.Sum(w => (double)w);
        _cos = [.. _harmonics.Select(_ => new float[_window + (Spare * frame)])];
        _sin = [.. _harmonics.Select(_ => new float[_window + (Spare * frame)])];
        _weighted = new float[_window];
        _ramp = [.. Enumerable.Range(0, frame).Select(n => n / (float)frame)];
        _previous = [.. Enumerable.Range(0, spec.Channels).Select(_ => new double[2 * _harmonics.Length])];
        _fit = new double[2 * _harmonics.Length];
        return (frame, ahead, 0);
    }

    protected override void OnReset()
    {
        _started = false;
        _phase = 0.0;
        _offset = 0;
        foreach (var p in _previous)
        {
            Array.Clear(p);
        }
    }

    protected override void RepairFrame(int channel, float[] x)
    {
        if (channel == 0)
        {
            Phases();
        }

        // The window weighted once; each harmonic's fit is its projection on the cos and sin tables.
        VectorMath.Multiply(x.AsSpan(FrameAt, _window), _weights, _weighted);
        var fit = _fit;
        for (var h = 0; h < _harmonics.Length; h++)
        {
            fit[2 * h] = 2.0 * VectorMath.Dot(_weighted, _cos[h].AsSpan(_offset, _window)) / _weightSum;
            fit[(2 * h) + 1] = 2.0 * VectorMath.Dot(_weighted, _sin[h].AsSpan(_offset, _window)) / _weightSum;
        }

        var previous = _previous[channel];
        if (!_started)
        {
            fit.CopyTo(previous, 0);
        }

        // Taken away over the frame, harmonic by harmonic, the coefficients moving from the last frame's fit to
        // this one's: x[n] -= (a + t·da)·cos[n] + (b + t·db)·sin[n], t going 0 to 1 over the frame.
        var frame = x.AsSpan(FrameAt, Frame);
        for (var h = 0; h < _harmonics.Length; h++)
        {
            Subtract(frame, _cos[h].AsSpan(_offset, Frame), (float)previous[2 * h], (float)(fit[2 * h] - previous[2 * h]),
                _sin[h].AsSpan(_offset, Frame), (float)previous[(2 * h) + 1], (float)(fit[(2 * h) + 1] - previous[(2 * h) + 1]));
        }

        fit.CopyTo(previous, 0);
        if (channel == _channels - 1)
        {
            _started = true;
        }
    }

    // Each harmonic's cos and sin over the window: what the last frames computed kept (the window moves on a
    // frame in the tables, moved down to their start when it reaches their end), the rest computed on from the
    // phase reached (the harmonics by the Chebyshev recurrence).
    private void Phases()
    {
        var from = 0;
        if (_started)
        {
            from = _window - Frame;
            _offset += Frame;
            if (_offset > Spare * Frame)
            {
                foreach (var table in _cos.Concat(_sin))
                {
                    table.AsSpan(_offset, from).CopyTo(table);
                }

                _offset = 0;
            }
        }

        var at = Base + FrameAt;
        var (rotationSin, rotationCos, stepSin, stepCos, step) = (0.0, 1.0, 0.0, 1.0, 0.0);
        for (var n = from; n < _window; n++)
        {
            // The fundamental's phase: exact every Sync samples, rotated by its step in between (the step, from
            // the drifting fundamental, taken once a run: it moves a few thousandths of a hertz in one).
            if ((n - from) % Sync == 0)
            {
                step = 2.0 * Math.PI * FundamentalAt(at + n) / _rate;
                (stepSin, stepCos) = Math.SinCos(step);
                _phase %= 2.0 * Math.PI;
                (rotationSin, rotationCos) = Math.SinCos(_phase);
            }

            var (sin1, cos1) = (rotationSin, rotationCos);
            var (sinPrevious, cosPrevious) = (0.0, 1.0);
            var (sin, cos) = (sin1, cos1);
            var k = 1;
            for (var h = 0; h < _harmonics.Length; h++)
            {
                for (; k < _harmonics[h]; k++)
                {
                    var nextSin = (2.0 * cos1 * sin) - sinPrevious;
                    var nextCos = (2.0 * cos1 * cos) - cosPrevious;
                    (sinPrevious, cosPrevious) = (sin, cos);
                    (sin, cos) = (nextSin, nextCos);
                }

                _cos[h][_offset + n] = (float)cos;
                _sin[h][_offset + n] = (float)sin;
            }

            (rotationSin, rotationCos) = ((rotationSin * stepCos) + (rotationCos * stepSin), (rotationCos * stepCos) - (rotationSin * stepSin));
            _phase += step;
        }
    }

    // frame[n] -= (a + ramp[n]·da)·cos[n] + (b + ramp[n]·db)·sin[n], in vectors.
    private void Subtract(Span<float> frame, ReadOnlySpan<float> cos, float a, float da, ReadOnlySpan<float> sin, float b, float db)
    {
        var n = 0;
        var ramp = _ramp;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            var (va, vb) = (new Vector<float>(a), new Vector<float>(b));
            for (; n <= frame.Length - width; n += width)
            {
                var t = new Vector<float>(ramp, n);
                var hum = ((va + (t * da)) * new Vector<float>(cos[n..])) + ((vb + (t * db)) * new Vector<float>(sin[n..]));
                (new Vector<float>(frame[n..]) - hum).CopyTo(frame[n..]);
            }
        }

        for (; n < frame.Length; n++)
        {
            frame[n] -= ((a + (ramp[n] * da)) * cos[n]) + ((b + (ramp[n] * db)) * sin[n]);
        }
    }

    // The fundamental at an input frame: segment centres carry the tracked values, linear between them.
    private double FundamentalAt(long frame)
    {
        var track = _hum.Fundamental;
        var t = (frame / _rate / _hum.SegmentSeconds) - 0.5;
        if (t <= 0)
        {
            return track[0];
        }

        if (t >= track.Count - 1)
        {
            return track[^1];
        }

        var i = (int)t;
        return track[i] + ((t - i) * (track[i + 1] - track[i]));
    }
}
