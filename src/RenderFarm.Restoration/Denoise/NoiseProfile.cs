using RenderFarm.Contracts.Reports;

namespace RenderFarm.Restoration.Denoise;

/// <summary>
/// A noise profile: the mean power of each bin of the <see cref="ShortTimeSpectrum"/> per channel, where it was
/// learned, and whether it looks like a steady noise floor (the same level and shape in passages apart in
/// time, as tape hiss or a record's surface noise do, and unlike a quiet passage of music).
/// </summary>
public sealed record NoiseProfile
{
    public required int SampleRate { get; init; }

    public required int FftSize { get; init; }

    /// <summary>Per channel, each bin's mean power in a frame.</summary>
    public required IReadOnlyList<float[]> Power { get; init; }

    /// <summary>"quietest" or "range".</summary>
    public required string Source { get; init; }

    public required IReadOnlyList<Passage> Passages { get; init; }

    /// <summary>The level the noise would have alone, as RMS over the channels (dBFS).</summary>
    public required double FloorDbfs { get; init; }

    /// <summary>True when the passages agree in level (within 3 dB) and shape (1.5 dB), far enough apart in time to be a floor.</summary>
    public required bool Steady { get; init; }

    /// <summary>The profile's share of the RMS in each third-octave band from 25 Hz up (dBFS), for the report.</summary>
    public IReadOnlyList<NoiseBand> Bands()
    {
        var bins = FftSize / 2;
        var hzPerBin = SampleRate / (double)FftSize;
        // Sum of a bin's power over the channels, as a share of the mean square (one-sided: counted twice).
        var scale = ShortTimeSpectrum.MeanSquare(2.0, FftSize, Power.Count);
        var bands = new List<NoiseBand>();
        for (var band = -15; ; band++)
        {
            var centre = 1000.0 * Math.Pow(2, band / 3.0);
            var low = centre / Math.Pow(2, 1 / 6.0);
            var high = centre * Math.Pow(2, 1 / 6.0);
            if (high > SampleRate / 2.0)
            {
                break;
            }

            var sum = 0.0;
            for (var k = Math.Max(1, (int)Math.Ceiling(low / hzPerBin)); k <= Math.Min(bins, (int)Math.Floor(high / hzPerBin)); k++)
            {
                foreach (var channel in Power)
                {
                    sum += channel[k];
                }
            }

            bands.Add(new NoiseBand(Math.Round(centre, centre < 100 ? 1 : 0), Math.Round(sum > 0 ? 10 * Math.Log10(sum * scale) : -200.0, 1)));
        }

        return bands;
    }
}
