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

    /// <summary>Converts floats to doubles; <paramref name="destination"/> must be at least as long as <paramref name="source"/>.</summary>
    public static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("destination is shorter than source", nameof(destination));
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<float>.Count)
        {
            var from = MemoryMarshal.Cast<float, Vector<float>>(source);
            var to = MemoryMarshal.Cast<double, Vector<double>>(destination);
            for (var v = 0; v < from.Length; v++)
            {
                Vector.Widen(from[v], out var low, out var high);
                to[2 * v] = low;
                to[(2 * v) + 1] = high;
            }

            i = from.Length * Vector<float>.Count;
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    /// <summary>Converts doubles to floats (rounding to nearest); <paramref name="destination"/> must be at least as long as <paramref name="source"/>.</summary>
    public static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("destination is shorter than source", nameof(destination));
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<float>.Count)
        {
            var from = MemoryMarshal.Cast<double, Vector<double>>(source);
            var to = MemoryMarshal.Cast<float, Vector<float>>(destination);
            var pairs = from.Length / 2;
            for (var v = 0; v < pairs; v++)
            {
                to[v] = Vector.Narrow(from[2 * v], from[(2 * v) + 1]);
            }

            i = pairs * Vector<float>.Count;
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    /// <summary>True when every sample is a finite number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllFinite(ReadOnlySpan<float> samples) => float.IsFinite(MaxAbs(samples));
}
