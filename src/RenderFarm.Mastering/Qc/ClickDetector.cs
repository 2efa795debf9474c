using System.Numerics;
using System.Runtime.InteropServices;
using RenderFarm.Dsp;

namespace RenderFarm.Mastering.Qc;

/// <summary>
/// Finds clicks, pops and edit glitches in one channel. Each frame (about 21 ms) gets a 16th-order linear
/// predictor (autocorrelation, Levinson-Durbin), run forwards from the past and backwards from the future;
/// an event is where both errors stand far above their typical size within two samples of each other: an
/// added impulse surprises both predictors at once, a jump in the waveform surprises them on either side
/// of it. Two things that look alike are set apart: a note's onset raises the level after it by 7 dB or
/// more over 20 ms (a click or a bad edit does not), and a waveform's own discontinuities (a sawtooth, a buzz) recur every period, so
/// an event is only a click if no other click-like event at least half as strong stands within 50 ms.
/// </summary>
internal sealed class ClickDetector
{
    private const int Order = 16;
    private const int Reach = 2;
    // Level after an event over level before it (20 ms each side) from which it counts as a note's onset.
    private const double OnsetRise = 5.0;

    // A crackly transfer could hold hundreds of thousands: the first ones are kept, the rest counted.
    private const int MaxClicks = 1000;

    private readonly int _frame;
    private readonly int _context;
    private readonly double _threshold;
    private readonly int _maxClickFrames;
    private readonly long _isolation;
    private readonly float[] _buffer;
    private readonly double[] _autocorrelation = new double[Order + 1];
    private readonly double[] _coefficients = new double[Order + 1];
    private readonly double[] _scratch = new double[Order + 1];
    private readonly float[] _forward;
    private readonly float[] _backward;
    private readonly float[] _both;
    private readonly List<(long Start, long End, double Ratio)> _clicks = [];
    private readonly List<Candidate> _candidates = [];
    private int _count;
    private long _frameStart;

    public ClickDetector(int sampleRate, double threshold)
    {
        _threshold = threshold;
        _frame = sampleRate <= 48_000 ? 1024 : sampleRate <= 96_000 ? 2048 : 4096;
        _context = Math.Max(32, sampleRate / 50);
        _maxClickFrames = Math.Max(4, sampleRate / 1000);
        _isolation = sampleRate / 20;
        _buffer = new float[Head + _frame + Head];
        // Reach samples of zero padding either side, for the vectorised neighbourhood maximum.
        _forward = new float[_frame + (2 * Reach)];
        _backward = new float[_frame + (2 * Reach)];
        _both = new float[_frame];
        _count = Head;
        _frameStart = 0;
    }

    /// <summary>Clicks found so far: start and end sample, and how far above the typical error they stood.</summary>
    public IReadOnlyList<(long Start, long End, double Ratio)> Clicks
    {
        get
        {
            Decide(long.MaxValue);
            return _clicks;
        }
    }

    /// <summary>Clicks found beyond the first thousand, counted but not kept.</summary>
    public long MoreClicks { get; private set; }

    // Samples kept either side of a frame: the predictor's order plus the level context.
    private int Head => _context + Order;

    public void Add(ReadOnlySpan<float> samples)
    {
        while (samples.Length > 0)
        {
            var n = Math.Min(samples.Length, _buffer.Length - _count);
            samples[..n].CopyTo(_buffer.AsSpan(_count));
            _count += n;
            samples = samples[n..];
            if (_count == _buffer.Length)
            {
                AnalyseFrame();
                _buffer.AsSpan(_frame, 2 * Head).CopyTo(_buffer);
                _count = 2 * Head;
                _frameStart += _frame;
            }
        }
    }

    private void AnalyseFrame()
    {
        var x = _buffer.AsSpan();
        var first = Head;
        var frame = x.Slice(first, _frame);
        for (var lag = 0; lag <= Order; lag++)
        {
            _autocorrelation[lag] = Dot(frame, x.Slice(first - lag, _frame));
        }

        if (_autocorrelation[0] < 1e-12 * _frame)
        {
            Decide(_frameStart + _frame - _isolation);
            return;
        }

        // A little white noise (-60 dB) keeps the predictor well-conditioned on pure tones.
        _autocorrelation[0] *= 1.000001;
        if (!Levinson())
        {
            Decide(_frameStart + _frame - _isolation);
            return;
        }

        var (forwardSum, backwardSum) = PredictionErrors(x, first);
        var forwardScale = (float)(1.0 / Math.Max(forwardSum / _frame * 1.2533, 1e-12));
        var backwardScale = (float)(1.0 / Math.Max(backwardSum / _frame * 1.2533, 1e-12));
        var forward = _forward.AsSpan(Reach, _frame);
        var backward = _backward.AsSpan(Reach, _frame);
        VectorMath.Scale(forward, forwardScale);
        VectorMath.Scale(backward, backwardScale);
        if (VectorMath.MaxAbs(forward) <= _threshold / 2 || VectorMath.MaxAbs(backward) <= _threshold / 2)
        {
            Decide(_frameStart + _frame - _isolation);
            return;
        }

        // Both errors large within two samples of each other: the smaller of their neighbourhood maxima.
        var m = 0;
        var width = Vector<float>.Count;
        for (; m <= _frame - width; m += width)
        {
            var f = new Vector<float>(_forward.AsSpan(m));
            var b = new Vector<float>(_backward.AsSpan(m));
            for (var k = 1; k <= 2 * Reach; k++)
            {
                f = Vector.Max(f, new Vector<float>(_forward.AsSpan(m + k)));
                b = Vector.Max(b, new Vector<float>(_backward.AsSpan(m + k)));
            }

            Vector.Min(f, b).CopyTo(_both.AsSpan(m));
        }

        for (; m < _frame; m++)
        {
            float f = 0, b = 0;
            for (var k = 0; k <= 2 * Reach; k++)
            {
                f = Math.Max(f, _forward[m + k]);
                b = Math.Max(b, _backward[m + k]);
            }

            _both[m] = Math.Min(f, b);
        }

        var weak = _threshold / 2;
        for (var n = 0; n < _frame; n++)
        {
            if (_both[n] <= weak)
            {
                continue;
            }

            var start = n;
            var peak = 0.0f;
            while (n < _frame && _both[n] > weak)
            {
                peak = Math.Max(peak, _both[n]);
                n++;
            }

            var rise = Energy(x.Slice(first + n + Reach, _context)) / Math.Max(Energy(x.Slice(first + start - Reach - _context, _context)), 1e-20);
            _candidates.Add(new Candidate(_frameStart + start, _frameStart + n, peak, n - start <= _maxClickFrames && rise < OnsetRise));
        }

        Decide(_frameStart + _frame - _isolation);
    }

    // A candidate is decided once everything within the isolation distance after it has been analysed;
    // decided ones stay a while as neighbours of those still waiting.
    private void Decide(long analysedUpTo)
    {
        for (var i = 0; i < _candidates.Count; i++)
        {
            var c = _candidates[i];
            if (c.Decided)
            {
                continue;
            }

            if (c.End + _isolation > analysedUpTo)
            {
                break;
            }

            var crowded = false;
            foreach (var other in _candidates)
            {
                crowded |= other.Shape && other.Start != c.Start && Math.Abs(other.Start - c.Start) <= _isolation && other.Ratio >= c.Ratio / 2;
            }

            if (c.Ratio > _threshold && c.Shape && !crowded)
            {
                if (_clicks.Count < MaxClicks)
                {
                    _clicks.Add((c.Start, c.End, c.Ratio));
                }
                else
                {
                    MoreClicks++;
                }
            }

            _candidates[i] = c with { Decided = true };
        }

        _candidates.RemoveAll(c => c.Decided && c.Start + (2 * _isolation) < analysedUpTo);
    }

    // |forward| and |backward| 16th-order prediction errors of every sample of the frame, 8 at a time.
    private (double Forward, double Backward) PredictionErrors(ReadOnlySpan<float> x, int first)
    {
        Span<float> a = stackalloc float[Order + 1];
        for (var k = 0; k <= Order; k++)
        {
            a[k] = (float)_coefficients[k];
        }

        var n = 0;
        var width = Vector<float>.Count;
        var forwardAcc = Vector<float>.Zero;
        var backwardAcc = Vector<float>.Zero;
        for (; n <= _frame - width; n += width)
        {
            var i = first + n;
            var forward = new Vector<float>(x[i..]);
            var backward = forward;
            for (var k = 1; k <= Order; k++)
            {
                var ak = new Vector<float>(a[k]);
                forward = Vector.FusedMultiplyAdd(ak, new Vector<float>(x[(i - k)..]), forward);
                backward = Vector.FusedMultiplyAdd(ak, new Vector<float>(x[(i + k)..]), backward);
            }

            forward = Vector.Abs(forward);
            backward = Vector.Abs(backward);
            forward.CopyTo(_forward.AsSpan(Reach + n));
            backward.CopyTo(_backward.AsSpan(Reach + n));
            forwardAcc += forward;
            backwardAcc += backward;
        }

        double forwardSum = Vector.Sum(forwardAcc), backwardSum = Vector.Sum(backwardAcc);
        for (; n < _frame; n++)
        {
            var i = first + n;
            float forward = x[i], backward = x[i];
            for (var k = 1; k <= Order; k++)
            {
                forward += a[k] * x[i - k];
                backward += a[k] * x[i + k];
            }

            _forward[Reach + n] = Math.Abs(forward);
            _backward[Reach + n] = Math.Abs(backward);
            forwardSum += _forward[Reach + n];
            backwardSum += _backward[Reach + n];
        }

        return (forwardSum, backwardSum);
    }

    private static double Energy(ReadOnlySpan<float> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += (double)v * v;
        }

        return sum / x.Length;
    }

    private bool Levinson()
    {
        var a = _coefficients;
        Array.Clear(a);
        a[0] = 1.0;
        var error = _autocorrelation[0];
        for (var i = 1; i <= Order; i++)
        {
            var acc = _autocorrelation[i];
            for (var j = 1; j < i; j++)
            {
                acc += a[j] * _autocorrelation[i - j];
            }

            var k = -acc / error;
            if (!double.IsFinite(k) || Math.Abs(k) >= 1.0)
            {
                return false;
            }

            Array.Copy(a, _scratch, i);
            for (var j = 1; j < i; j++)
            {
                a[j] = _scratch[j] + (k * _scratch[i - j]);
            }

            a[i] = k;
            error *= 1.0 - (k * k);
        }

        return true;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..a.Length]);
            var acc = Vector<float>.Zero;
            for (var v = 0; v < va.Length; v++)
            {
                acc = Vector.FusedMultiplyAdd(va[v], vb[v], acc);
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    private readonly record struct Candidate(long Start, long End, double Ratio, bool Shape, bool Decided = false);
}
