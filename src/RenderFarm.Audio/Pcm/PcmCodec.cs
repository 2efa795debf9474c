using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RenderFarm.Audio.Pcm;

/// <summary>
/// Converts one channel of interleaved stored samples to floating point and back. Integers map to
/// [-1, 1) by dividing by 2^(bits-1); writing rounds to nearest and clamps, so a file read in double
/// precision and written again at its own format is bit-identical.
/// </summary>
internal static class PcmCodec
{
    /// <summary>Decodes channel <paramref name="channel"/> of the interleaved frames in <paramref name="raw"/> into <paramref name="destination"/>.</summary>
    public static void Decode<T>(ReadOnlySpan<byte> raw, SampleFormat format, bool bigEndian, bool signed8, int channels, int channel, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var bytes = format.BytesPerSample();
        var stride = bytes * channels;
        if (destination.Length > 0 && raw.Length < ((destination.Length - 1) * stride) + ((channel + 1) * bytes))
        {
            throw new ArgumentException($"{raw.Length} bytes hold fewer than {destination.Length} frames of {channels} channels", nameof(raw));
        }

        var src = raw[(channel * bytes)..];
        var dst = destination;
        switch (format)
        {
            case SampleFormat.Pcm8:
                {
                    var scale = T.CreateTruncating(1.0 / 128.0);
                    for (var i = 0; i < dst.Length; i++)
                    {
                        int v = signed8 ? (sbyte)src[i * stride] : src[i * stride] - 128;
                        dst[i] = T.CreateTruncating(v) * scale;
                    }

                    break;
                }

            case SampleFormat.Pcm16 when !bigEndian:
                {
                    var scale = T.CreateTruncating(1.0 / 32768.0);
                    ref var first = ref MemoryMarshal.GetReference(src);
                    ref var out0 = ref MemoryMarshal.GetReference(dst);
                    for (var i = 0; i < dst.Length; i++)
                    {
                        Unsafe.Add(ref out0, i) = T.CreateTruncating(Unsafe.ReadUnaligned<short>(ref Unsafe.Add(ref first, i * stride))) * scale;
                    }

                    break;
                }

            case SampleFormat.Pcm16:
                {
                    var scale = T.CreateTruncating(1.0 / 32768.0);
                    for (var i = 0; i < dst.Length; i++)
                    {
                        var s = src.Slice(i * stride, 2);
                        int v = bigEndian ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s);
                        dst[i] = T.CreateTruncating(v) * scale;
                    }

                    break;
                }

            case SampleFormat.Pcm24 when !bigEndian && dst.Length > 1:
                {
                    // Each sample but the last is read as 4 little-endian bytes (the 4th belongs to the
                    // next sample) and shifted up: the sample times 256, sign and all; the same value.
                    var scale = T.CreateTruncating(1.0 / 2147483648.0);
                    ref var first = ref MemoryMarshal.GetReference(src);
                    ref var out0 = ref MemoryMarshal.GetReference(dst);
                    var last = dst.Length - 1;
                    for (var i = 0; i < last; i++)
                    {
                        var v = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref first, i * stride)) << 8;
                        Unsafe.Add(ref out0, i) = T.CreateTruncating(v) * scale;
                    }

                    var p = last * stride;
                    dst[last] = T.CreateTruncating(src[p] | (src[p + 1] << 8) | ((sbyte)src[p + 2] << 16)) * T.CreateTruncating(1.0 / 8388608.0);
                    break;
                }

            case SampleFormat.Pcm24:
                {
                    var scale = T.CreateTruncating(1.0 / 8388608.0);
                    for (var i = 0; i < dst.Length; i++)
                    {
                        var p = i * stride;
                        var v = bigEndian
                            ? ((sbyte)src[p] << 16) | (src[p + 1] << 8) | src[p + 2]
                            : src[p] | (src[p + 1] << 8) | ((sbyte)src[p + 2] << 16);
                        dst[i] = T.CreateTruncating(v) * scale;
                    }

                    break;
                }

            case SampleFormat.Pcm32:
                {
                    var scale = T.CreateTruncating(1.0 / 2147483648.0);
                    for (var i = 0; i < dst.Length; i++)
                    {
                        var s = src.Slice(i * stride, 4);
                        var v = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s);
                        dst[i] = T.CreateTruncating(v) * scale;
                    }

                    break;
                }

            case SampleFormat.Float32:
                for (var i = 0; i < dst.Length; i++)
                {
                    var s = src.Slice(i * stride, 4);
                    dst[i] = T.CreateTruncating(bigEndian ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s));
                }

                break;

            case SampleFormat.Float64:
                for (var i = 0; i < dst.Length; i++)
                {
                    var s = src.Slice(i * stride, 8);
                    dst[i] = T.CreateTruncating(bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s));
                }

                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    /// <summary>
    /// Encodes <paramref name="source"/> into channel <paramref name="channel"/> of the little-endian
    /// interleaved frames in <paramref name="raw"/>. Adds the samples clipped to full scale to
    /// <paramref name="clipped"/>; returns the index of the first NaN or infinity (nothing is encoded
    /// then), or -1.
    /// </summary>
    public static int Encode<T>(ReadOnlySpan<T> source, int channels, int channel, SampleFormat format, Span<byte> raw, ref long clipped)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var bad = FirstNonFinite(source);
        if (bad >= 0)
        {
            return bad;
        }

        var bytes = format.BytesPerSample();
        var stride = bytes * channels;
        var dst = raw[(channel * bytes)..];
        if (typeof(T) == typeof(float) && format is SampleFormat.Pcm16 or SampleFormat.Pcm24)
        {
            EncodeFloat(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(source), format, stride, dst, ref clipped);
            return -1;
        }

        switch (format)
        {
            case SampleFormat.Pcm8:
                for (var i = 0; i < source.Length; i++)
                {
                    dst[i * stride] = (byte)(Quantise(double.CreateTruncating(source[i]), 128.0, ref clipped) + 128);
                }

                break;
            case SampleFormat.Pcm16:
                for (var i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(dst.Slice(i * stride, 2), (short)Quantise(double.CreateTruncating(source[i]), 32768.0, ref clipped));
                }

                break;
            case SampleFormat.Pcm24:
                for (var i = 0; i < source.Length; i++)
                {
                    var v = (int)Quantise(double.CreateTruncating(source[i]), 8388608.0, ref clipped);
                    var p = i * stride;
                    dst[p] = (byte)v;
                    dst[p + 1] = (byte)(v >> 8);
                    dst[p + 2] = (byte)(v >> 16);
                }

                break;
            case SampleFormat.Pcm32:
                for (var i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(dst.Slice(i * stride, 4), (int)Quantise(double.CreateTruncating(source[i]), 2147483648.0, ref clipped));
                }

                break;
            case SampleFormat.Float32:
                for (var i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(dst.Slice(i * stride, 4), float.CreateTruncating(source[i]));
                }

                break;
            case SampleFormat.Float64:
                for (var i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(dst.Slice(i * stride, 8), double.CreateTruncating(source[i]));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }

        return -1;
    }

    // Scaling a float by a power of two is exact, so rounding in float gives the same integers as in
    // double; eight at a time, then the bytes are laid out one by one.
    private static void EncodeFloat(ReadOnlySpan<float> source, SampleFormat format, int stride, Span<byte> dst, ref long clipped)
    {
        var scale = format == SampleFormat.Pcm24 ? 8388608f : 32768f;
        Span<int> ints = stackalloc int[Vector<float>.Count];
        var vScale = new Vector<float>(scale);
        var top = new Vector<float>(scale - 1f);
        var bottom = new Vector<float>(-scale);
        var i = 0;
        for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var v = Vector.Round(new Vector<float>(source[i..]) * vScale);
            if (Vector.GreaterThanAny(v, top) || Vector.LessThanAny(v, bottom))
            {
                for (var l = 0; l < Vector<float>.Count; l++)
                {
                    clipped += v[l] > scale - 1f || v[l] < -scale ? 1 : 0;
                }

                v = Vector.Min(Vector.Max(v, bottom), top);
            }

            Vector.ConvertToInt32(v).CopyTo(ints);
            for (var l = 0; l < ints.Length; l++)
            {
                Store(dst, (i + l) * stride, ints[l], format);
            }
        }

        for (; i < source.Length; i++)
        {
            Store(dst, i * stride, (int)Quantise(source[i], scale, ref clipped), format);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<byte> dst, int p, int v, SampleFormat format)
    {
        dst[p] = (byte)v;
        dst[p + 1] = (byte)(v >> 8);
        if (format == SampleFormat.Pcm24)
        {
            dst[p + 2] = (byte)(v >> 16);
        }
    }

    private static int FirstNonFinite<T>(ReadOnlySpan<T> source)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && float.IsFinite(Dsp.VectorMath.MaxAbs(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(source))))
        {
            return -1;
        }

        for (var i = 0; i < source.Length; i++)
        {
            if (!T.IsFinite(source[i]))
            {
                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Quantise(double x, double scale, ref long clipped)
    {
        var v = Math.Round(x * scale, MidpointRounding.ToEven);
        if (v > scale - 1.0)
        {
            clipped++;
            return (long)scale - 1;
        }

        if (v < -scale)
        {
            clipped++;
            return -(long)scale;
        }

        return (long)v;
    }
}
