namespace RenderFarm.Dsp.Filters;

/// <summary>A cascade of equaliser bands, applied in order to every channel.</summary>
public sealed class ParametricEq(IReadOnlyList<EqBand> bands) : IAudioProcessor
{
    public const int MaxBands = 32;

    private BiquadFilter[] _filters = [];
    private int _sampleRate;

    public IReadOnlyList<EqBand> Bands { get; private set; } = bands ?? throw new ArgumentNullException(nameof(bands));

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        Guard.InRange(Bands.Count, 0, MaxBands, "eq band count", "bands");
        _sampleRate = spec.SampleRate;
        _filters = Bands.Select((b, i) => new BiquadFilter(b.Design(spec.SampleRate, $"eq.bands[{i}]"))).ToArray();
        foreach (var f in _filters)
        {
            f.Prepare(spec);
        }
    }

    /// <summary>New settings for the same number of bands, between blocks: coefficients change, the filters keep their state (for automation).</summary>
    public void Update(IReadOnlyList<EqBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count != _filters.Length)
        {
            throw new ArgumentException($"the equaliser was prepared with {_filters.Length} bands; {bands.Count} were given", nameof(bands));
        }

        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i] != Bands[i])
            {
                _filters[i].SetCoefficients(bands[i].Design(_sampleRate, $"eq.bands[{i}]"));
            }
        }

        Bands = bands;
    }

    public void Process(AudioBlock block)
    {
        foreach (var f in _filters)
        {
            f.Process(block);
        }
    }

    public void Reset()
    {
        foreach (var f in _filters)
        {
            f.Reset();
        }
    }

    /// <summary>The equaliser's magnitude in dB at a frequency.</summary>
    public static double MagnitudeDbAt(IReadOnlyList<EqBand> bands, double frequency, double sampleRate) =>
        bands.Sum(b => b.Design(sampleRate).MagnitudeDbAt(frequency, sampleRate));
}
