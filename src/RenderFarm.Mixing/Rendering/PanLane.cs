using RenderFarm.Mixing.Automation;
using RenderFarm.Mixing.Sessions;

namespace RenderFarm.Mixing.Rendering;

/// <summary>A pan (or balance, on a stereo signal) that automation may move: the gain of each side, per frame, for a block.</summary>
internal sealed class PanLane(PanLaw law, double fixedPan, AutomationLane? lane, int sampleRate, bool stereo)
{
    /// <summary>
    /// The side gains of each frame of the block from <paramref name="firstFrame"/>; false (and nothing
    /// written) when they are constant over the block, given then by <paramref name="constant"/>.
    /// </summary>
    public bool Fill(long firstFrame, Span<float> left, Span<float> right, out (float Left, float Right) constant)
    {
        if (lane is null || !lane.Moves((double)firstFrame / sampleRate, (double)(firstFrame + left.Length) / sampleRate))
        {
            var (l, r) = Sides(lane?.ValueAt((double)firstFrame / sampleRate) ?? fixedPan);
            constant = ((float)l, (float)r);
            return false;
        }

        constant = default;
        lane.Fill(firstFrame, sampleRate, left);
        for (var n = 0; n < left.Length; n++)
        {
            var (l, r) = Sides(left[n]);
            left[n] = (float)l;
            right[n] = (float)r;
        }

        return true;
    }

    private (double Left, double Right) Sides(double pan) => stereo ? Panner.Stereo(law, pan) : Panner.Mono(law, pan);
}
