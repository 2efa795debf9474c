namespace RenderFarm.Dsp.Filters;

/// <summary>A cascade of equaliser bands, applied in order to every channel.</summary>
public sealed class ParametricEq(IReadOnlyList<EqBand> bands) : IAudioProcessor
{
    public const int MaxBands = 32;

    private BiquadFilter[] _filters = [];

    public IReadOnlyList<EqBand> Bands { get; } = bands ?? throw new ArgumentNullException(nameof(bands));

    public void Prepare(AudioSpec spec)
    {
        spec.Validate();
        Guard.InRange(Bands.Count, 0, MaxBands, "eq band count", "bands");
        _filters = Bands.Select((b, i) => new BiquadFilter(b.Design(spec.SampleRate, $"eq.bands[{i}]"))).ToArray();
        foreach (var f in _filters)
        {
            f.Prepare(spec);
        }
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
