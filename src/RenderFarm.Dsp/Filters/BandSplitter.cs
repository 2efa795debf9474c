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
    private readonly BiquadFilter[][] _lowPass;
    private readonly BiquadFilter[] _crossoverAllPass;

    // _allPass[i][j]: the all-pass of crossover i applied to band j (j < i).
    private readonly BiquadFilter[][] _allPass;

    // The split runs in double precision throughout; float only at its input and outputs.
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
        _lowPass = new BiquadFilter[_crossovers.Length][];
        _crossoverAllPass = new BiquadFilter[_crossovers.Length];
        _allPass = new BiquadFilter[_crossovers.Length][];
        for (var i = 0; i < _crossovers.Length; i++)
        {
            var f = _crossovers[i];
            _lowPass[i] = [new(BiquadDesign.LowPass(sampleRate, f, ButterworthQ)), new(BiquadDesign.LowPass(sampleRate, f, ButterworthQ))];
            _crossoverAllPass[i] = new BiquadFilter(BiquadDesign.AllPass(sampleRate, f, ButterworthQ));
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
        _bands = Enumerable.Range(0, Bands - 1).Select(_ => Enumerable.Range(0, spec.Channels).Select(_ => new double[spec.MaxBlockFrames]).ToArray()).ToArray();
    }

    public void Reset()
    {
        foreach (var filter in All())
        {
            filter.Reset();
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

            _lowPass[i][0].Process(band, frames);
            _lowPass[i][1].Process(band, frames);

            // High side: all-pass of the rest, minus its low side.
            _crossoverAllPass[i].Process(_rest, frames);
            for (var c = 0; c < input.Channels; c++)
            {
                VectorMath.Subtract(band[c].AsSpan(0, frames), _rest[c].AsSpan(0, frames));
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

    private IEnumerable<BiquadFilter> All() => _lowPass.Concat(_allPass).SelectMany(f => f).Concat(_crossoverAllPass);
}
