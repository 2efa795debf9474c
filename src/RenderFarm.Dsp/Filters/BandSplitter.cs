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
        _bands = Enumerable.Range(0, Bands - 1).Select(_ => Enumerable.Range(0, spec.Channels).Select(_ => new double[spec.MaxBlockFrames]).ToArray()).ToArray();
    }

    public void Reset()
    {
        foreach (var filter in All())
        {
            filter.Reset();
        }

        foreach (var state in _state)
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
