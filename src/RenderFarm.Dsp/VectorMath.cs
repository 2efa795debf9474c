using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RenderFarm.Dsp;

/// <summary>Small vectorised kernels over float spans used by the processors and meters.</summary>
public static class VectorMath
{
    /// <summary>Multiplies every sample by <paramref name="factor"/> in place.</summary>
    public static void Scale(Span<float> samples, float factor)
    {
        if (factor == 1.0f)
        {
            return;
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated && samples.Length >= Vector<float>.Count)
        {
            var f = new Vector<float>(factor);
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
            for (var v = 0; v < vectors.Length; v++)
            {
                vectors[v] *= f;
            }

            i = vectors.Length * Vector<float>.Count;
        }

        for (; i < samples.Length; i++)
        {
            samples[i] *= factor;
        }
    }

    /// <summary>The largest absolute value in <paramref name="samples"/> (NaN is reported as NaN).</summary>
    public static float MaxAbs(ReadOnlySpan<float> samples)
    {
        var i = 0;
        var max = 0.0f;
        if (Vector.IsHardwareAccelerated && samples.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
            var nan = Vector<int>.Zero;
            for (var v = 0; v < vectors.Length; v++)
            {
                var a = Vector.Abs(vectors[v]);
                nan |= Vector.Equals(a, a) ^ Vector<int>.AllBitsSet;
                acc = Vector.Max(acc, a);
            }

            if (nan != Vector<int>.Zero)
            {
                return float.NaN;
            }

            for (var l = 0; l < Vector<float>.Count; l++)
            {
                max = Math.Max(max, acc[l]);
            }

            i = vectors.Length * Vector<float>.Count;
        }

        for (; i < samples.Length; i++)
        {
            var a = Math.Abs(samples[i]);
            if (float.IsNaN(a))
            {
                return float.NaN;
            }

            max = Math.Max(max, a);
        }

        return max;
    }

    /// <summary>True when every sample is a finite number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllFinite(ReadOnlySpan<float> samples) => float.IsFinite(MaxAbs(samples));
}
