using RenderFarm.Dsp;

namespace RenderFarm.Restoration.Denoise;

/// <summary>How de-noise works: the reduction (the one knob), and where the noise profile comes from.</summary>
public sealed record DenoiseSettings
{
    /// <summary>The most any bin is turned down, in dB: 6 is gentle, 12 the usual, 24 and more for heavy hiss.</summary>
    public double ReductionDb { get; init; } = 12.0;

    /// <summary>The start of a passage of noise alone to learn the profile from (s); null: the quietest passages are found.</summary>
    public double? ProfileStartS { get; init; }

    /// <summary>The end of that passage (s).</summary>
    public double? ProfileEndS { get; init; }

    public void Validate(string path = "denoise")
    {
        Guard.InRange(ReductionDb, 1.0, 40.0, $"{path}.reduction_db", "dB");
        if (ProfileStartS is null != ProfileEndS is null)
        {
            throw new ArgumentException($"{path}.profile: give both its start and its end (s), or neither", nameof(path));
        }

        if (ProfileStartS is { } start && ProfileEndS is { } end)
        {
            Guard.InRange(start, 0.0, 86400.0, $"{path}.profile start", "s");
            if (!(end - start >= 0.2))
            {
                throw new ArgumentOutOfRangeException(nameof(path), end, $"{path}.profile {start}-{end} s: the passage must last 0.2 s or more");
            }
        }
    }
}
