using RenderFarm.Dsp;
using RenderFarm.Mixing.Automation;

namespace RenderFarm.Mixing.Rendering;

/// <summary>A level in dB that automation may move: per frame, as linear gains, for a block.</summary>
internal sealed class GainLane(double fixedDb, AutomationLane? lane, int sampleRate)
{
    private readonly float _fixed = (float)Decibels.ToAmplitude(fixedDb);

    /// <summary>The gain of each frame of the block from <paramref name="firstFrame"/>; false (and nothing written) when it is constant.</summary>
    public bool Fill(long firstFrame, Span<float> gains, out float constant)
    {
        constant = _fixed;
        if (lane is null)
        {
            return false;
        }

        if (!lane.Moves((double)firstFrame / sampleRate, (double)(firstFrame + gains.Length) / sampleRate))
        {
            constant = (float)Decibels.ToAmplitude(lane.ValueAt((double)firstFrame / sampleRate));
            return false;
        }

        lane.Fill(firstFrame, sampleRate, gains);
        VectorMath.DecibelsToAmplitude(gains, gains);
        return true;
    }
}
