namespace RenderFarm.Dsp.Filters;

/// <summary>
/// Splits a signal into 2 to 4 bands with fourth-order Linkwitz-Riley crossovers. Each lower band also
/// passes through the all-pass of every crossover above it, so the bands share one phase response and
/// their sum is an all-pass: magnitude-flat, whatever the crossover frequencies.
/// </summary>
public sealed class BandSplitter
{
    private static readonly double ButterworthQ = Math.Sqrt(0.5);

    private readonly double[] _crossovers;
    private readonly BiquadFilter[][] _lowPass;
    private readonly BiquadFilter[][] _highPass;

    // _allPass[i][j]: the all-pass of crossover i applied to band j (j < i).
    private readonly BiquadFilter[][] _allPass;

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
        _highPass = new BiquadFilter[_crossovers.Length][];
        _allPass = new BiquadFilter[_crossovers.Length][];
        for (var i = 0; i < _crossovers.Length; i++)
        {
            var f = _crossovers[i];
            _lowPass[i] = [new(BiquadDesign.LowPass(sampleRate, f, ButterworthQ)), new(BiquadDesign.LowPass(sampleRate, f, ButterworthQ))];
            _highPass[i] = [new(BiquadDesign.HighPass(sampleRate, f, ButterworthQ)), new(BiquadDesign.HighPass(sampleRate, f, ButterworthQ))];
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

        var rest = bands[^1];
        input.CopyTo(rest);
        for (var i = 0; i < _crossovers.Length; i++)
        {
            rest.CopyTo(bands[i]);
            _lowPass[i][0].Process(bands[i]);
            _lowPass[i][1].Process(bands[i]);
            _highPass[i][0].Process(rest);
            _highPass[i][1].Process(rest);
            for (var j = 0; j < i; j++)
            {
                _allPass[i][j].Process(bands[j]);
            }
        }
    }

    private IEnumerable<BiquadFilter> All() => _lowPass.Concat(_highPass).Concat(_allPass).SelectMany(f => f);
}
