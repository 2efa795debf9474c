using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Dsp.Dynamics;

/// <summary>
/// The control rate of the dynamics processors: their level detection, curve and smoothing run once per
/// <see cref="Step"/> frames, and the linear gain is interpolated across each group of frames.
/// </summary>
internal static class ControlRate
{
    public const int Step = 4;

    public static int Groups(int frames) => (frames + Step - 1) / Step;

    /// <summary>The largest value of each group of <see cref="Step"/> frames (the last group may be shorter).</summary>
    public static void GroupPeaks(ReadOnlySpan<float> level, Span<float> peaks)
    {
        var whole = level.Length / Step;
        ref var at = ref MemoryMarshal.GetReference(level);
        for (var j = 0; j < whole; j++)
        {
            var v = Vector128.LoadUnsafe(ref at, (nuint)(j * Step));
            v = Vector128.Max(v, Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2)));
            v = Vector128.Max(v, Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1)));
            peaks[j] = v.ToScalar();
        }

        if (whole < peaks.Length)
        {
            peaks[whole] = VectorMath.MaxAbs(level[(whole * Step)..]);
        }
    }

    /// <summary>
    /// Fills <paramref name="gains"/> with the linear gain of each frame: across each group, linearly from
    /// the end of the group before (<paramref name="previous"/> for the first) to the group's end value.
    /// Returns the last end value.
    /// </summary>
    public static float Interpolate(ReadOnlySpan<float> ends, Span<float> gains, float previous)
    {
        var frames = gains.Length;
        var whole = frames / Step;
        ref var output = ref MemoryMarshal.GetReference(gains);
        var ramp = Vector128.Create(0.25f, 0.5f, 0.75f, 1.0f);
        for (var j = 0; j < whole; j++)
        {
            var next = ends[j];
            (Vector128.Create(previous) + (Vector128.Create(next - previous) * ramp)).StoreUnsafe(ref output, (nuint)(j * Step));
            previous = next;
        }

        if (whole < ends.Length)
        {
            var next = ends[whole];
            var count = frames - (whole * Step);
            for (var k = 1; k <= count; k++)
            {
                gains[(whole * Step) + k - 1] = previous + ((next - previous) * k / count);
            }

            previous = next;
        }

        return previous;
    }
}
