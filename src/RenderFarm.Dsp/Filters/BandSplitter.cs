using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Dsp.Filters;

/// <summary>
/// Splits a signal into 2 to 4 bands with fourth-order Linkwitz-Riley crossovers. Each lower band also
/// passes through the all-pass of every crossover above it, so the bands share one phase response and
/// their sum is an all-pass: magnitude-flat, whatever the crossover frequencies. Since a Linkwitz-Riley
/// pair sums to the second-order all-pass, the high side is taken as all-pass minus low-pass: one
/// section instead of two.
/// </summary>
public sealed class BandSplitter
{
    private static readonly double ButterworthQ = Math.Sqrt(0.5);

    private readonly double[] _crossovers;

    // _allPass[i][j]: the all-pass of crossover i applied to band j (j < i).
    private readonly BiquadFilter[][] _allPass;

    // The split runs in double precision throughout; float only at its input and outputs.
    private readonly BiquadCoefficients[] _lowPassDesign;
    private readonly BiquadCoefficients[] _allPassDesign;
    private double[][] _state = [];
    private double[][] _rest = [];
    private double[][][] _bands = [];

    // Stereo runs both channels at once: interleaved [L, R] pairs in 128-bit vectors.
    private double[] _restPairs = [];
    private double[][] _bandPairs = [];
    private double[][] _compensationState = [];

    public BandSplitter(IReadOnlyList<double> crossovers, double sampleRate, string field = "crossovers_hz")
    {
        ArgumentNullException.ThrowIfNull(crossovers);
        Guard.InRange(crossovers.Count, 1, 3, $"{field} count", "crossovers");
        for (var i = 0; i < crossovers.Count; i++)
        {
            Guard.Frequency(crossovers[i], sampleRate, $"{field}[{i}]");
            if (i > 0 && crossovers[i] <= crossovers[i - 1] * 1.1)
            {
                throw new ArgumentOutOfRangeException(field, crossovers[i],
                    $"{field}[{i}] {crossovers[i]} Hz must be above {field}[{i - 1}] ({crossovers[i - 1]} Hz) by at least 10 %");
            }
        }

        _crossovers = [.. crossovers];
        _lowPassDesign = new BiquadCoefficients[_crossovers.Length];
        _allPassDesign = new BiquadCoefficients[_crossovers.Length];
        _allPass = new BiquadFilter[_crossovers.Length][];
        for (var i = 0; i < _crossovers.Length; i++)
        {
            var f = _crossovers[i];
            _lowPassDesign[i] = BiquadDesign.LowPass(sampleRate, f, ButterworthQ);
            _allPassDesign[i] = BiquadDesign.AllPass(sampleRate, f, ButterworthQ);
            _allPass[i] = Enumerable.Range(0, i).Select(_ => new BiquadFilter(BiquadDesign.AllPass(sampleRate, f, ButterworthQ))).ToArray();
        }
    }

    public int Bands => _crossovers.Length + 1;

    public IReadOnlyList<double> Crossovers => _crossovers;

    public void Prepare(AudioSpec spec)
    {
        foreach (var filter in All())
        {
            filter.Prepare(spec);
        }

        _rest = Enumerable.Range(0, spec.Channels).Select(_ => new double[spec.MaxBlockFrames]).ToArray();
        _state = _crossovers.Select(_ => new double[spec.Channels * 12]).ToArray();
        if (spec.Channels == 2)
        {
            _restPairs = new double[2 * spec.MaxBlockFrames];
            _bandPairs = Enumerable.Range(0, Bands - 1).Select(_ => new double[2 * spec.MaxBlockFrames]).ToArray();
            _compensationState = _crossovers.Select((_, i) => new double[i * 8]).ToArray();
        }
        _bands = Enumerable.Range(0, Bands - 1).Select(_ => Enumerable.Range(0, spec.Channels).Select(_ => new double[spec.MaxBlockFrames]).ToArray()).ToArray();
    }

    public void Reset()
    {
        foreach (var filter in All())
        {
            filter.Reset();
        }

        foreach (var state in _state.Concat(_compensationState))
        {
            Array.Clear(state);
        }
    }

    /// <summary>Splits <paramref name="input"/> (left unchanged) into <paramref name="bands"/>, lowest first, each the input's shape.</summary>
    public void Split(AudioBlock input, ReadOnlySpan<AudioBlock> bands)
    {
        if (bands.Length != Bands)
        {
            throw new ArgumentException($"the splitter makes {Bands} bands; {bands.Length} destinations were given", nameof(bands));
        }

        var frames = input.Frames;
        if (input.Channels == 2)
        {
            SplitStereo(input, bands);
            return;
        }

        for (var c = 0; c < input.Channels; c++)
        {
            VectorMath.Widen(input[c], _rest[c]);
        }

        for (var i = 0; i < _crossovers.Length; i++)
        {
            var band = _bands[i];
            for (var c = 0; c < input.Channels; c++)
            {
                _rest[c].AsSpan(0, frames).CopyTo(band[c]);
            }

            // Low side: two low-pass sections; high side: the all-pass of the rest minus its low side.
            // One loop runs the three recursions, which overlap in the core.
            for (var c = 0; c < input.Channels; c++)
            {
                Crossover(_rest[c].AsSpan(0, frames), band[c].AsSpan(0, frames), _lowPassDesign[i], _allPassDesign[i], _state[i].AsSpan(c * 12, 12));
            }

            for (var j = 0; j < i; j++)
            {
                _allPass[i][j].Process(_bands[j], frames);
            }
        }

        for (var c = 0; c < input.Channels; c++)
        {
            for (var i = 0; i < _crossovers.Length; i++)
            {
                VectorMath.Narrow(_bands[i][c].AsSpan(0, frames), bands[i][c]);
            }

            VectorMath.Narrow(_rest[c].AsSpan(0, frames), bands[^1][c]);
        }
    }

    private IEnumerable<BiquadFilter> All() => _allPass.SelectMany(f => f);

    private void SplitStereo(AudioBlock input, ReadOnlySpan<AudioBlock> bands)
    {
        var frames = input.Frames;
        var rest = _restPairs.AsSpan(0, 2 * frames);
        VectorMath.Interleave(input[0], input[1], rest);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Two crossovers at once in 256-bit vectors, the upper one a sample behind the lower.
            for (; i + 1 < _crossovers.Length; i += 2)
            {
                CrossoverPairsTwoStages(rest, _bandPairs[i].AsSpan(0, 2 * frames), _bandPairs[i + 1].AsSpan(0, 2 * frames), i);
                Compensate(i, frames);
                Compensate(i + 1, frames);
            }
        }

        for (; i < _crossovers.Length; i++)
        {
            CrossoverPairs(rest, _bandPairs[i].AsSpan(0, 2 * frames), _lowPassDesign[i], _allPassDesign[i], _state[i]);
            Compensate(i, frames);
        }

        for (var b = 0; b < _crossovers.Length; b++)
        {
            VectorMath.Deinterleave(_bandPairs[b].AsSpan(0, 2 * frames), bands[b][0], bands[b][1]);
        }

        VectorMath.Deinterleave(rest, bands[^1][0], bands[^1][1]);
    }

    // The crossover of one stage for both channels: each vector holds [L, R]; state is kept as in the
    // scalar kernel, channel 0 then channel 1.
    private static void CrossoverPairs(Span<double> rest, Span<double> low, BiquadCoefficients lp, BiquadCoefficients ap, Span<double> s)
    {
        var (lb0, lb1, lb2, la1, la2) = (Vector128.Create(lp.B0), Vector128.Create(lp.B1), Vector128.Create(lp.B2), Vector128.Create(-lp.A1), Vector128.Create(-lp.A2));
        var (ab0, ab1, ab2, aa1, aa2) = (Vector128.Create(ap.B0), Vector128.Create(ap.B1), Vector128.Create(ap.B2), Vector128.Create(-ap.A1), Vector128.Create(-ap.A2));
        var x1 = Vector128.Create(s[0], s[12]);
        var x2 = Vector128.Create(s[1], s[13]);
        var y1 = Vector128.Create(s[2], s[14]);
        var y2 = Vector128.Create(s[3], s[15]);
        var u1 = Vector128.Create(s[4], s[16]);
        var u2 = Vector128.Create(s[5], s[17]);
        var v1 = Vector128.Create(s[6], s[18]);
        var v2 = Vector128.Create(s[7], s[19]);
        var p1 = Vector128.Create(s[8], s[20]);
        var p2 = Vector128.Create(s[9], s[21]);
        var q1 = Vector128.Create(s[10], s[22]);
        var q2 = Vector128.Create(s[11], s[23]);
        ref var r = ref MemoryMarshal.GetReference(rest);
        ref var l = ref MemoryMarshal.GetReference(low);
        for (var n = 0; n < rest.Length; n += 2)
        {
            var x = Vector128.LoadUnsafe(ref r, (nuint)n);
            var y = Vector128.FusedMultiplyAdd(la1, y1, Vector128.FusedMultiplyAdd(la2, y2, Vector128.FusedMultiplyAdd(lb2, x2, Vector128.FusedMultiplyAdd(lb1, x1, lb0 * x))));
            var v = Vector128.FusedMultiplyAdd(la1, v1, Vector128.FusedMultiplyAdd(la2, v2, Vector128.FusedMultiplyAdd(lb2, u2, Vector128.FusedMultiplyAdd(lb1, u1, lb0 * y))));
            var q = Vector128.FusedMultiplyAdd(aa1, q1, Vector128.FusedMultiplyAdd(aa2, q2, Vector128.FusedMultiplyAdd(ab2, p2, Vector128.FusedMultiplyAdd(ab1, p1, ab0 * x))));
            (x2, x1, y2, y1, u2, u1, v2, v1, p2, p1, q2, q1) = (x1, x, y1, y, u1, y, v1, v, p1, x, q1, q);
            v.StoreUnsafe(ref l, (nuint)n);
            (q - v).StoreUnsafe(ref r, (nuint)n);
        }

        Save(s, 0, x1, x2, y1, y2);
        Save(s, 4, u1, u2, v1, v2);
        Save(s, 8, p1, p2, q1, q2);
    }

    // The all-pass of crossover i on every band below it.
    private void Compensate(int i, int frames)
    {
        for (var j = 0; j < i; j++)
        {
            AllPassPairs(_bandPairs[j].AsSpan(0, 2 * frames), _allPassDesign[i], _compensationState[i].AsSpan(j * 8, 8));
        }
    }

    // Crossovers i and i + 1 in one loop: each 256-bit vector holds [L, R] of crossover i at sample n and
    // [L, R] of crossover i + 1 at sample n - Lag, whose input is the high side crossover i wrote into
    // rest Lag steps earlier (far enough back that its recursion never waits on it). Each lane does the
    // operations of the scalar kernel in its order, so the result is the same to the bit; in the first
    // and last Lag steps only one crossover runs and the other's state is kept.
    private void CrossoverPairsTwoStages(Span<double> rest, Span<double> lowA, Span<double> lowB, int i)
    {
        const int Lag = 16;
        var (lpA, lpB, apA, apB) = (_lowPassDesign[i], _lowPassDesign[i + 1], _allPassDesign[i], _allPassDesign[i + 1]);
        static Vector256<double> Both(double a, double b) => Vector256.Create(Vector128.Create(a), Vector128.Create(b));
        var (lb0, lb1, lb2, la1, la2) = (Both(lpA.B0, lpB.B0), Both(lpA.B1, lpB.B1), Both(lpA.B2, lpB.B2), Both(-lpA.A1, -lpB.A1), Both(-lpA.A2, -lpB.A2));
        var (ab0, ab1, ab2, aa1, aa2) = (Both(apA.B0, apB.B0), Both(apA.B1, apB.B1), Both(apA.B2, apB.B2), Both(-apA.A1, -apB.A1), Both(-apA.A2, -apB.A2));
        var (sa, sb) = (_state[i], _state[i + 1]);
        Vector256<double> State(int k) => Vector256.Create(sa[k], sa[k + 12], sb[k], sb[k + 12]);
        var (x1, x2, y1, y2, u1, u2, v1, v2, p1, p2, q1, q2) = (State(0), State(1), State(2), State(3), State(4), State(5), State(6), State(7), State(8), State(9), State(10), State(11));
        var frames = rest.Length / 2;
        ref var r = ref MemoryMarshal.GetReference(rest);
        ref var la = ref MemoryMarshal.GetReference(lowA);
        ref var lb = ref MemoryMarshal.GetReference(lowB);
        for (var n = 0; n < frames + Lag; n++)
        {
            var (a, b) = (n < frames, n >= Lag);
            var x = Vector256.Create(a ? Vector128.LoadUnsafe(ref r, (nuint)(2 * n)) : default, b ? Vector128.LoadUnsafe(ref r, (nuint)(2 * (n - Lag))) : default);
            var y = Vector256.FusedMultiplyAdd(la1, y1, Vector256.FusedMultiplyAdd(la2, y2, Vector256.FusedMultiplyAdd(lb2, x2, Vector256.FusedMultiplyAdd(lb1, x1, lb0 * x))));
            var v = Vector256.FusedMultiplyAdd(la1, v1, Vector256.FusedMultiplyAdd(la2, v2, Vector256.FusedMultiplyAdd(lb2, u2, Vector256.FusedMultiplyAdd(lb1, u1, lb0 * y))));
            var q = Vector256.FusedMultiplyAdd(aa1, q1, Vector256.FusedMultiplyAdd(aa2, q2, Vector256.FusedMultiplyAdd(ab2, p2, Vector256.FusedMultiplyAdd(ab1, p1, ab0 * x))));
            if (a && b)
            {
                (x2, x1, y2, y1, u2, u1, v2, v1, p2, p1, q2, q1) = (x1, x, y1, y, u1, y, v1, v, p1, x, q1, q);
            }
            else
            {
                var update = Vector256.Create(a ? -1L : 0L, a ? -1L : 0L, b ? -1L : 0L, b ? -1L : 0L).AsDouble();
                (x2, x1, y2, y1) = (Vector256.ConditionalSelect(update, x1, x2), Vector256.ConditionalSelect(update, x, x1), Vector256.ConditionalSelect(update, y1, y2), Vector256.ConditionalSelect(update, y, y1));
                (u2, u1, v2, v1) = (Vector256.ConditionalSelect(update, u1, u2), Vector256.ConditionalSelect(update, y, u1), Vector256.ConditionalSelect(update, v1, v2), Vector256.ConditionalSelect(update, v, v1));
                (p2, p1, q2, q1) = (Vector256.ConditionalSelect(update, p1, p2), Vector256.ConditionalSelect(update, x, p1), Vector256.ConditionalSelect(update, q1, q2), Vector256.ConditionalSelect(update, q, q1));
            }

            var high = q - v;
            if (a)
            {
                v.GetLower().StoreUnsafe(ref la, (nuint)(2 * n));
                high.GetLower().StoreUnsafe(ref r, (nuint)(2 * n));
            }

            if (b)
            {
                v.GetUpper().StoreUnsafe(ref lb, (nuint)(2 * (n - Lag)));
                high.GetUpper().StoreUnsafe(ref r, (nuint)(2 * (n - Lag)));
            }
        }

        SaveTwo(sa, sb, 0, x1, x2, y1, y2);
        SaveTwo(sa, sb, 4, u1, u2, v1, v2);
        SaveTwo(sa, sb, 8, p1, p2, q1, q2);
    }

    private static void SaveTwo(Span<double> sa, Span<double> sb, int offset, Vector256<double> in1, Vector256<double> in2, Vector256<double> out1, Vector256<double> out2)
    {
        Save(sa, offset, in1.GetLower(), in2.GetLower(), out1.GetLower(), out2.GetLower());
        Save(sb, offset, in1.GetUpper(), in2.GetUpper(), out1.GetUpper(), out2.GetUpper());
    }

    private static void AllPassPairs(Span<double> pairs, BiquadCoefficients ap, Span<double> s)
    {
        var (b0, b1, b2, a1, a2) = (Vector128.Create(ap.B0), Vector128.Create(ap.B1), Vector128.Create(ap.B2), Vector128.Create(-ap.A1), Vector128.Create(-ap.A2));
        var x1 = Vector128.Create(s[0], s[4]);
        var x2 = Vector128.Create(s[1], s[5]);
        var y1 = Vector128.Create(s[2], s[6]);
        var y2 = Vector128.Create(s[3], s[7]);
        ref var p = ref MemoryMarshal.GetReference(pairs);
        for (var n = 0; n < pairs.Length; n += 2)
        {
            var x = Vector128.LoadUnsafe(ref p, (nuint)n);
            var y = Vector128.FusedMultiplyAdd(a1, y1, Vector128.FusedMultiplyAdd(a2, y2, Vector128.FusedMultiplyAdd(b2, x2, Vector128.FusedMultiplyAdd(b1, x1, b0 * x))));
            (x2, x1, y2, y1) = (x1, x, y1, y);
            y.StoreUnsafe(ref p, (nuint)n);
        }

        s[0] = x1[0];
        s[4] = x1[1];
        s[1] = x2[0];
        s[5] = x2[1];
        s[2] = Denormals.Flush(y1[0]);
        s[6] = Denormals.Flush(y1[1]);
        s[3] = Denormals.Flush(y2[0]);
        s[7] = Denormals.Flush(y2[1]);
    }

    // Writes a section's [L, R] state into the scalar layout (channel 0 at offset, channel 1 at offset + 12).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Save(Span<double> s, int offset, Vector128<double> in1, Vector128<double> in2, Vector128<double> out1, Vector128<double> out2)
    {
        s[offset] = in1[0];
        s[offset + 12] = in1[1];
        s[offset + 1] = in2[0];
        s[offset + 13] = in2[1];
        s[offset + 2] = Denormals.Flush(out1[0]);
        s[offset + 14] = Denormals.Flush(out1[1]);
        s[offset + 3] = Denormals.Flush(out2[0]);
        s[offset + 15] = Denormals.Flush(out2[1]);
    }

    // rest -> low = LP(LP(rest)), rest = AP(rest) - low; direct form I, state: 4 per section.
    private static void Crossover(Span<double> rest, Span<double> low, BiquadCoefficients lp, BiquadCoefficients ap, Span<double> s)
    {
        double x1 = s[0], x2 = s[1], y1 = s[2], y2 = s[3];
        double u1 = s[4], u2 = s[5], v1 = s[6], v2 = s[7];
        double p1 = s[8], p2 = s[9], q1 = s[10], q2 = s[11];
        for (var n = 0; n < rest.Length; n++)
        {
            var x = rest[n];
            var y = Math.FusedMultiplyAdd(-lp.A1, y1, Math.FusedMultiplyAdd(-lp.A2, y2, Math.FusedMultiplyAdd(lp.B2, x2, Math.FusedMultiplyAdd(lp.B1, x1, lp.B0 * x))));
            var v = Math.FusedMultiplyAdd(-lp.A1, v1, Math.FusedMultiplyAdd(-lp.A2, v2, Math.FusedMultiplyAdd(lp.B2, u2, Math.FusedMultiplyAdd(lp.B1, u1, lp.B0 * y))));
            var q = Math.FusedMultiplyAdd(-ap.A1, q1, Math.FusedMultiplyAdd(-ap.A2, q2, Math.FusedMultiplyAdd(ap.B2, p2, Math.FusedMultiplyAdd(ap.B1, p1, ap.B0 * x))));
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            u2 = u1;
            u1 = y;
            v2 = v1;
            v1 = v;
            p2 = p1;
            p1 = x;
            q2 = q1;
            q1 = q;
            low[n] = v;
            rest[n] = q - v;
        }

        s[0] = x1;
        s[1] = x2;
        s[2] = Denormals.Flush(y1);
        s[3] = Denormals.Flush(y2);
        s[4] = u1;
        s[5] = u2;
        s[6] = Denormals.Flush(v1);
        s[7] = Denormals.Flush(v2);
        s[8] = p1;
        s[9] = p2;
        s[10] = Denormals.Flush(q1);
        s[11] = Denormals.Flush(q2);
    }
}
