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
        for (var i = 0; i < _crossovers.Length; i++)
        {
            var low = _bandPairs[i].AsSpan(0, 2 * frames);
            CrossoverPairs(rest, low, _lowPassDesign[i], _allPassDesign[i], _state[i]);
            for (var j = 0; j < i; j++)
            {
                AllPassPairs(_bandPairs[j].AsSpan(0, 2 * frames), _allPassDesign[i], _compensationState[i].AsSpan(j * 8, 8));
            }
        }

        for (var i = 0; i < _crossovers.Length; i++)
        {
            VectorMath.Deinterleave(_bandPairs[i].AsSpan(0, 2 * frames), bands[i][0], bands[i][1]);
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
