using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Spectral;

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
        Autocorrelation(x, first);

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

        // Most frames hold no forward error anywhere near the threshold: the backward errors, needed only
        // to confirm a forward one, are then not computed at all.
        Span<float> a = stackalloc float[Order + 1];
        for (var k = 0; k <= Order; k++)
        {
            a[k] = (float)_coefficients[k];
        }

        if (!Normalised(x, first, a, _forward, backward: false) || !Normalised(x, first, a, _backward, backward: true))
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

    // |prediction error| of every sample of the frame (forwards from the past, or backwards from the
    // future), scaled by its mean so the typical error is 1; false when none reaches half the threshold.
    private bool Normalised(ReadOnlySpan<float> x, int first, ReadOnlySpan<float> a, float[] errors, bool backward)
    {
        var direction = backward ? -1 : 1;
        var n = 0;
        var width = Vector<float>.Count;
        var sum = Vector<float>.Zero;
        Span<Vector<float>> taps = stackalloc Vector<float>[Order + 1];
        for (var k = 1; k <= Order; k++)
        {
            taps[k] = new Vector<float>(a[k]);
        }

        // The frame's first sample has Head >= Order samples before it and after its last one.
        ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), first);
        ref var output = ref MemoryMarshal.GetArrayDataReference(errors);
        // Four vectors at a time: each tap is loaded once for four independent chains of adds.
        for (; n <= _frame - (4 * width); n += 4 * width)
        {
            ref var sample = ref Unsafe.Add(ref at, n);
            var e0 = Vector.LoadUnsafe(ref sample);
            var e1 = Vector.LoadUnsafe(ref sample, (nuint)width);
            var e2 = Vector.LoadUnsafe(ref sample, (nuint)(2 * width));
            var e3 = Vector.LoadUnsafe(ref sample, (nuint)(3 * width));
            for (var k = 1; k <= Order; k++)
            {
                var tap = taps[k];
                ref var past = ref Unsafe.Subtract(ref sample, direction * k);
                e0 = Vector.FusedMultiplyAdd(tap, Vector.LoadUnsafe(ref past), e0);
                e1 = Vector.FusedMultiplyAdd(tap, Vector.LoadUnsafe(ref past, (nuint)width), e1);
                e2 = Vector.FusedMultiplyAdd(tap, Vector.LoadUnsafe(ref past, (nuint)(2 * width)), e2);
                e3 = Vector.FusedMultiplyAdd(tap, Vector.LoadUnsafe(ref past, (nuint)(3 * width)), e3);
            }

            (e0, e1, e2, e3) = (Vector.Abs(e0), Vector.Abs(e1), Vector.Abs(e2), Vector.Abs(e3));
            e0.StoreUnsafe(ref output, (nuint)(Reach + n));
            e1.StoreUnsafe(ref output, (nuint)(Reach + n + width));
            e2.StoreUnsafe(ref output, (nuint)(Reach + n + (2 * width)));
            e3.StoreUnsafe(ref output, (nuint)(Reach + n + (3 * width)));
            sum += (e0 + e1) + (e2 + e3);
        }

        double total = Vector.Sum(sum);
        for (; n < _frame; n++)
        {
            var i = first + n;
            var e = x[i];
            for (var k = 1; k <= Order; k++)
            {
                e += a[k] * x[i - (direction * k)];
            }

            errors[Reach + n] = Math.Abs(e);
            total += errors[Reach + n];
        }

        var values = errors.AsSpan(Reach, _frame);
        VectorMath.Scale(values, (float)(1.0 / Math.Max(total / _frame * 1.2533, 1e-12)));
        return VectorMath.MaxAbs(values) > _threshold / 2;
    }

    // The frame's autocorrelation at lags 0..Order, six lags per sweep: each block of the frame is loaded
    // once per sweep and meets six lags, each with its own accumulator (a single running sum would wait
    // on every add). The last sweep computes a lag beyond the order too (the history is long enough).
    private void Autocorrelation(ReadOnlySpan<float> x, int first)
    {
        var width = Vector<float>.Count;
        var whole = _frame / width * width;
        for (var lag0 = 0; lag0 <= Order; lag0 += 6)
        {
            Vector<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
            // x[first - lag0 - 5] onwards is inside the buffer: first is Head = context + Order >= 48.
            ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), first);
            ref var lagged = ref Unsafe.Subtract(ref at, lag0 + 5);
            for (var n = 0; n < whole; n += width)
            {
                var v = Vector.LoadUnsafe(ref at, (nuint)n);
                a5 = Vector.FusedMultiplyAdd(v, Vector.LoadUnsafe(ref lagged, (nuint)n), a5);
                a4 = Vector.FusedMultiplyAdd(v, Vector.LoadUnsafe(ref lagged, (nuint)n + 1), a4);
                a3 = Vector.FusedMultiplyAdd(v, Vector.LoadUnsafe(ref lagged, (nuint)n + 2), a3);
                a2 = Vector.FusedMultiplyAdd(v, Vector.LoadUnsafe(ref lagged, (nuint)n + 3), a2);
                a1 = Vector.FusedMultiplyAdd(v, Vector.LoadUnsafe(ref lagged, (nuint)n + 4), a1);
                a0 = Vector.FusedMultiplyAdd(v, Vector.LoadUnsafe(ref lagged, (nuint)n + 5), a0);
            }

            ReadOnlySpan<Vector<float>> sums = [a0, a1, a2, a3, a4, a5];
            for (var g = 0; g < sums.Length && lag0 + g <= Order; g++)
            {
                var lag = lag0 + g;
                double sum = Vector.Sum(sums[g]);
                for (var n = whole; n < _frame; n++)
                {
                    sum += (double)x[first + n] * x[first + n - lag];
                }

                _autocorrelation[lag] = sum;
            }
        }
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

    private bool Levinson() => LinearPrediction.Levinson(_autocorrelation, _coefficients, _scratch, out _);

    private readonly record struct Candidate(long Start, long End, double Ratio, bool Shape, bool Decided = false);
}
