namespace RenderFarm.Dsp.Dynamics;

/// <summary>A multiband compressor: 2 or 3 crossover frequencies and one compressor per band (3 or 4 bands).</summary>
public sealed record MultibandSettings
{
    public IReadOnlyList<double> CrossoversHz { get; init; } = [120.0, 2500.0];

    public IReadOnlyList<CompressorSettings> Bands { get; init; } =
    [
        new() { ThresholdDb = -20, Ratio = 1.5, KneeDb = 8, AttackMs = 30, ReleaseMs = 250 },
        new() { ThresholdDb = -20, Ratio = 1.3, KneeDb = 8, AttackMs = 15, ReleaseMs = 180 },
        new() { ThresholdDb = -22, Ratio = 1.4, KneeDb = 8, AttackMs = 5, ReleaseMs = 120 },
    ];

    public void Validate(double sampleRate, string path = "multiband")
    {
        Guard.InRange(CrossoversHz.Count, 2, 3, $"{path}.crossovers_hz count", "crossovers (3 or 4 bands)");
        if (Bands.Count != CrossoversHz.Count + 1)
        {
            throw new ArgumentException($"{path}.bands has {Bands.Count} entries; {CrossoversHz.Count} crossovers make {CrossoversHz.Count + 1} bands");
        }

        for (var i = 0; i < Bands.Count; i++)
        {
            Bands[i].Validate($"{path}.bands[{i}]");
        }

        _ = new Filters.BandSplitter(CrossoversHz, sampleRate, $"{path}.crossovers_hz");
    }
}
