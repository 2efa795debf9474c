using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;

namespace RenderFarm.Mixing.Rendering;

/// <summary>A track output's sample peak, samples beyond full scale, and integrated loudness.</summary>
internal sealed class TrackMeter
{
    private readonly LoudnessMeter _loudness = new(new LoudnessMeterOptions { TruePeak = false, KeepSeries = false, BoundedMemory = true });

    public TrackMeter(int sampleRate, int blockFrames) => _loudness.Prepare(new AudioSpec(sampleRate, 2, blockFrames));

    public float Peak { get; private set; }

    public long OverSamples { get; private set; }

    public double IntegratedLufs => _loudness.GetReport().IntegratedLufs;

    public void Add(AudioBlock block)
    {
        for (var c = 0; c < block.Channels; c++)
        {
            var peak = VectorMath.MaxAbs(block[c]);
            Peak = Math.Max(Peak, peak);
            OverSamples += Overs(block[c], peak);
        }

        _loudness.Add(block);
    }

    /// <summary>The samples of a block beyond full scale.</summary>
    public static long Overs(AudioBlock block)
    {
        long overs = 0;
        for (var c = 0; c < block.Channels; c++)
        {
            overs += Overs(block[c], VectorMath.MaxAbs(block[c]));
        }

        return overs;
    }

    // Counted only where the channel's peak says there are any.
    private static long Overs(ReadOnlySpan<float> samples, float peak)
    {
        long overs = 0;
        if (peak > 1.0f)
        {
            foreach (var x in samples)
            {
                overs += Math.Abs(x) > 1.0f ? 1 : 0;
            }
        }

        return overs;
    }
}
