using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>Writes <paramref name="source"/> times <paramref name="factor"/> to <paramref name="destination"/>.</summary>
    public static void Scale(ReadOnlySpan<float> source, float factor, Span<float> destination)
    {
        if (factor == 1.0f)
        {
            source.CopyTo(destination);
            return;
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<float>(factor);
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(source[i..]) * f).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i] * factor;
        }
    }

    /// <summary>Writes <paramref name="source"/> times <paramref name="gains"/>, sample by sample, to <paramref name="destination"/>.</summary>
    public static void Multiply(ReadOnlySpan<float> source, ReadOnlySpan<float> gains, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(source[i..]) * new Vector<float>(gains[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i] * gains[i];
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

    /// <summary>Widens [<paramref name="min"/>, <paramref name="max"/>] to take in every sample (finite samples; a NaN may be missed).</summary>
    public static void MinMax(ReadOnlySpan<float> samples, ref float min, ref float max)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && samples.Length >= Vector<float>.Count)
        {
            var lo = new Vector<float>(min);
            var hi = new Vector<float>(max);
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
            for (var v = 0; v < vectors.Length; v++)
            {
                lo = Vector.Min(lo, vectors[v]);
                hi = Vector.Max(hi, vectors[v]);
            }

            for (var l = 0; l < Vector<float>.Count; l++)
            {
                min = Math.Min(min, lo[l]);
                max = Math.Max(max, hi[l]);
            }

            i = vectors.Length * Vector<float>.Count;
        }

        for (; i < samples.Length; i++)
        {
            min = Math.Min(min, samples[i]);
            max = Math.Max(max, samples[i]);
        }
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

    /// <summary>20 log10 of each value (values at or below 1e-10 read as -200 dB); accurate to about 1e-5 dB.</summary>
    public static void AmplitudeToDecibels(ReadOnlySpan<float> amplitude, Span<float> decibels)
    {
        const float DbPerOctave = 6.0205999f;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var floor = new Vector<float>(1e-10f);
            var scale = new Vector<float>(DbPerOctave);
            for (; i <= amplitude.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = Vector.Max(new Vector<float>(amplitude[i..]), floor);
                (FastLog2(x) * scale).CopyTo(decibels[i..]);
            }
        }

        for (; i < amplitude.Length; i++)
        {
            decibels[i] = (float)(20.0 * Math.Log10(Math.Max(amplitude[i], 1e-10f)));
        }
    }

    /// <summary>10^(dB/20) of each value; relative error about 1e-7.</summary>
    public static void DecibelsToAmplitude(ReadOnlySpan<float> decibels, Span<float> amplitude)
    {
        const float OctavesPerDb = 1.0f / 6.0205999f;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(OctavesPerDb);
            for (; i <= decibels.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                FastExp2(new Vector<float>(decibels[i..]) * scale).CopyTo(amplitude[i..]);
            }
        }

        for (; i < decibels.Length; i++)
        {
            amplitude[i] = (float)Math.Pow(10.0, decibels[i] / 20.0);
        }
    }

    /// <summary>log2 of positive normal floats: exponent plus an atanh series on the mantissa centred on 1 (error below 2e-7).</summary>
    internal static Vector<float> FastLog2(Vector<float> x)
    {
        var bits = Vector.AsVectorInt32(x);
        var exponent = Vector.ShiftRightArithmetic(bits, 23) - new Vector<int>(127);
        var mantissa = Vector.AsVectorSingle((bits & new Vector<int>(0x007FFFFF)) | new Vector<int>(0x3F800000));
        var high = Vector.GreaterThan(mantissa, new Vector<float>(1.41421356f));
        mantissa = Vector.ConditionalSelect(high, mantissa * new Vector<float>(0.5f), mantissa);
        exponent -= high;
        var z = (mantissa - Vector<float>.One) / (mantissa + Vector<float>.One);
        var z2 = z * z;
        var series = new Vector<float>(0.41219858f);
        series = (series * z2) + new Vector<float>(0.57707802f);
        series = (series * z2) + new Vector<float>(0.96179669f);
        series = (series * z2) + new Vector<float>(2.88539008f);
        return Vector.ConvertToSingle(exponent) + (z * series);
    }

    /// <summary>2^y for y in [-126, 126] (clamped): a power of two times a degree-6 polynomial on [-0.5, 0.5].</summary>
    internal static Vector<float> FastExp2(Vector<float> y)
    {
        y = Vector.Min(Vector.Max(y, new Vector<float>(-126f)), new Vector<float>(126f));
        var whole = Vector.Round(y);
        var t = (y - whole) * new Vector<float>(0.69314718f);
        var p = new Vector<float>(1f / 720f);
        p = (p * t) + new Vector<float>(1f / 120f);
        p = (p * t) + new Vector<float>(1f / 24f);
        p = (p * t) + new Vector<float>(1f / 6f);
        p = (p * t) + new Vector<float>(0.5f);
        p = (p * t) + Vector<float>.One;
        p = (p * t) + Vector<float>.One;
        var scale = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(whole) + new Vector<int>(127), 23));
        return p * scale;
    }

    /// <summary>The largest absolute value across channels, sample by sample, into <paramref name="destination"/>.</summary>
    public static void MaxAbsAcrossChannels(AudioBlock block, Span<float> destination)
    {
        var frames = block.Frames;
        block[0].CopyTo(destination);
        Abs(destination[..frames]);
        for (var c = 1; c < block.Channels; c++)
        {
            var src = block[c];
            var i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; i <= frames - Vector<float>.Count; i += Vector<float>.Count)
                {
                    Vector.Max(new Vector<float>(destination[i..]), Vector.Abs(new Vector<float>(src[i..]))).CopyTo(destination[i..]);
                }
            }

            for (; i < frames; i++)
            {
                destination[i] = Math.Max(destination[i], Math.Abs(src[i]));
            }
        }
    }

    /// <summary>The sum of the samples (accumulated in double across vector chunks).</summary>
    public static double Sum(ReadOnlySpan<float> samples)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated)
        {
            const int Chunk = 4096;
            while (i <= samples.Length - Vector<float>.Count)
            {
                var acc = Vector<float>.Zero;
                var end = Math.Min(samples.Length - Vector<float>.Count, i + Chunk);
                for (; i <= end; i += Vector<float>.Count)
                {
                    acc += new Vector<float>(samples[i..]);
                }

                sum += Vector.Sum(acc);
            }
        }

        for (; i < samples.Length; i++)
        {
            sum += samples[i];
        }

        return sum;
    }

    /// <summary>The sum of squares of the samples.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> samples) => Dot(samples, samples);

    /// <summary>The dot product of two spans of equal length (float lanes, summed in double per 4096 samples).</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated)
        {
            const int Chunk = 4096;
            while (i <= a.Length - Vector<float>.Count)
            {
                var acc = Vector<float>.Zero;
                var end = Math.Min(a.Length - Vector<float>.Count, i + Chunk);
                for (; i <= end; i += Vector<float>.Count)
                {
                    acc = Vector.FusedMultiplyAdd(new Vector<float>(a[i..]), new Vector<float>(b[i..]), acc);
                }

                sum += Vector.Sum(acc);
            }
        }

        for (; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Subtracts <paramref name="source"/> from <paramref name="destination"/>.</summary>
    public static void Subtract(ReadOnlySpan<float> source, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(destination[i..]) - new Vector<float>(source[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] -= source[i];
        }
    }

    /// <summary>Subtracts <paramref name="source"/> from <paramref name="destination"/> (double precision).</summary>
    public static void Subtract(ReadOnlySpan<double> source, Span<double> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (new Vector<double>(destination[i..]) - new Vector<double>(source[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] -= source[i];
        }
    }

    /// <summary>Absolute values in place.</summary>
    public static void Abs(Span<float> samples)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= samples.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Abs(new Vector<float>(samples[i..])).CopyTo(samples[i..]);
            }
        }

        for (; i < samples.Length; i++)
        {
            samples[i] = Math.Abs(samples[i]);
        }
    }

    /// <summary>Multiplies each sample by the matching gain, in place.</summary>
    public static void Multiply(Span<float> samples, ReadOnlySpan<float> gains)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= samples.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(samples[i..]) * new Vector<float>(gains[i..])).CopyTo(samples[i..]);
            }
        }

        for (; i < samples.Length; i++)
        {
            samples[i] *= gains[i];
        }
    }

    /// <summary>Left and right widened to double and interleaved as [L, R] pairs (for processing both channels in one vector).</summary>
    public static void Interleave(ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<double> pairs)
    {
        var n = 0;
        if (Avx.IsSupported)
        {
            ref var l = ref MemoryMarshal.GetReference(left);
            ref var r = ref MemoryMarshal.GetReference(right);
            ref var p = ref MemoryMarshal.GetReference(pairs);
            for (; n <= left.Length - 4; n += 4)
            {
                var ld = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref l, (nuint)n));
                var rd = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref r, (nuint)n));
                var low = Avx.UnpackLow(ld, rd);
                var high = Avx.UnpackHigh(ld, rd);
                Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref p, (nuint)(2 * n));
                Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref p, (nuint)((2 * n) + 4));
            }
        }

        for (; n < left.Length; n++)
        {
            pairs[2 * n] = left[n];
            pairs[(2 * n) + 1] = right[n];
        }
    }

    /// <summary>[L, R] double pairs back to planar float channels.</summary>
    public static void Deinterleave(ReadOnlySpan<double> pairs, Span<float> left, Span<float> right)
    {
        var n = 0;
        if (Avx.IsSupported)
        {
            ref var l = ref MemoryMarshal.GetReference(left);
            ref var r = ref MemoryMarshal.GetReference(right);
            ref var p = ref MemoryMarshal.GetReference(pairs);
            for (; n <= left.Length - 4; n += 4)
            {
                var a = Vector256.LoadUnsafe(ref p, (nuint)(2 * n));
                var b = Vector256.LoadUnsafe(ref p, (nuint)((2 * n) + 4));
                var low = Avx.Permute2x128(a, b, 0x20);
                var high = Avx.Permute2x128(a, b, 0x31);
                Avx.ConvertToVector128Single(Avx.UnpackLow(low, high)).StoreUnsafe(ref l, (nuint)n);
                Avx.ConvertToVector128Single(Avx.UnpackHigh(low, high)).StoreUnsafe(ref r, (nuint)n);
            }
        }

        for (; n < left.Length; n++)
        {
            left[n] = (float)pairs[2 * n];
            right[n] = (float)pairs[(2 * n) + 1];
        }
    }

    /// <summary>Adds each sample of <paramref name="source"/> times the matching gain into <paramref name="destination"/>.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> source, ReadOnlySpan<float> gains, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.FusedMultiplyAdd(new Vector<float>(source[i..]), new Vector<float>(gains[i..]), new Vector<float>(destination[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = MathF.FusedMultiplyAdd(source[i], gains[i], destination[i]);
        }
    }

    /// <summary>Adds <paramref name="source"/> times <paramref name="gain"/> into <paramref name="destination"/>.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> source, float gain, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var g = new Vector<float>(gain);
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.FusedMultiplyAdd(new Vector<float>(source[i..]), g, new Vector<float>(destination[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = MathF.FusedMultiplyAdd(source[i], gain, destination[i]);
        }
    }

    /// <summary>Adds <paramref name="offset"/> to every sample in place.</summary>
    public static void Offset(Span<float> samples, float offset)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var o = new Vector<float>(offset);
            for (; i <= samples.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(samples[i..]) + o).CopyTo(samples[i..]);
            }
        }

        for (; i < samples.Length; i++)
        {
            samples[i] += offset;
        }
    }

    /// <summary>Adds <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void Add(ReadOnlySpan<float> source, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(destination[i..]) + new Vector<float>(source[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] += source[i];
        }
    }

    /// <summary>True when every sample is a finite number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllFinite(ReadOnlySpan<float> samples) => float.IsFinite(MaxAbs(samples));
}
