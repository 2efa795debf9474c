namespace RenderFarm.Mastering;

/// <summary>
/// Matching a reference: the correction applied (dB per 1/6-octave band, and the filters that realise it),
/// the reference's loudness, and how far the mix and the master are from the reference's tonal balance
/// (<see cref="Chain.ReferenceMatch.Distance"/>, dB).
/// </summary>
public sealed record ReferenceMatchReport
{
    public required string Path { get; init; }

    public required double AmountPercent { get; init; }

    public required double ReferenceLufs { get; init; }

    public required IReadOnlyList<double> CurveHz { get; init; }

    public required IReadOnlyList<double> CurveDb { get; init; }

    public required IReadOnlyList<Dsp.Filters.EqBand> Filters { get; init; }

    public required double DistanceBeforeDb { get; init; }

    public required double DistanceAfterDb { get; init; }
}
