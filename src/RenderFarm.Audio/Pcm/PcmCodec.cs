using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

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
    /// <paramref name="clipped"/>; returns the index of the first NaN or infinity (where it stops), or -1.
    /// </summary>
    public static int Encode<T>(ReadOnlySpan<T> source, int channels, int channel, SampleFormat format, Span<byte> raw, ref long clipped)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var bytes = format.BytesPerSample();
        var stride = bytes * channels;
        var dst = raw[(channel * bytes)..];
        for (var i = 0; i < source.Length; i++)
        {
            var x = double.CreateTruncating(source[i]);
            if (!double.IsFinite(x))
            {
                return i;
            }

            var p = i * stride;
            switch (format)
            {
                case SampleFormat.Pcm8:
                    dst[p] = (byte)(Quantise(x, 128.0, ref clipped) + 128);
                    break;
                case SampleFormat.Pcm16:
                    BinaryPrimitives.WriteInt16LittleEndian(dst.Slice(p, 2), (short)Quantise(x, 32768.0, ref clipped));
                    break;
                case SampleFormat.Pcm24:
                    {
                        var v = (int)Quantise(x, 8388608.0, ref clipped);
                        dst[p] = (byte)v;
                        dst[p + 1] = (byte)(v >> 8);
                        dst[p + 2] = (byte)(v >> 16);
                        break;
                    }

                case SampleFormat.Pcm32:
                    BinaryPrimitives.WriteInt32LittleEndian(dst.Slice(p, 4), (int)Quantise(x, 2147483648.0, ref clipped));
                    break;
                case SampleFormat.Float32:
                    BinaryPrimitives.WriteSingleLittleEndian(dst.Slice(p, 4), float.CreateTruncating(source[i]));
                    break;
                case SampleFormat.Float64:
                    BinaryPrimitives.WriteDoubleLittleEndian(dst.Slice(p, 8), x);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, null);
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
