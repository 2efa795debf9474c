using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;
using RenderFarm.Audio.Pcm;
using RenderFarm.Audio.Wav;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;

namespace RenderFarm.Audio.Aiff;

/// <summary>
/// Streams an AIFF or AIFF-C file: big-endian PCM of 8 to 32 bits, and the AIFF-C forms 'NONE', 'twos',
/// 'sowt' (little-endian), 'in24', 'in32', 'fl32' and 'fl64'. Sizes are checked against the file before use.
/// </summary>
public sealed class AiffReader : IAudioReader
{
    private readonly PcmDataReader _data;

    private AiffReader(PcmDataReader data, AudioStreamInfo info)
    {
        _data = data;
        Info = info;
    }

    public AudioStreamInfo Info { get; }

    public long Position => _data.Position;

    public static AiffReader Open(string path)
    {
        var handle = WavReader.OpenHandle(path);
        try
        {
            return Parse(handle, path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public int Read(AudioBlock destination) => _data.Read(destination);

    public int Read(double[][] destination, int offset, int frames) => _data.Read(destination, offset, frames);

    public void Dispose() => _data.Dispose();

    private static AiffReader Parse(SafeFileHandle handle, string path)
    {
        var length = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[12];
        if (length < 12 || RandomAccess.Read(handle, header, 0) < 12 || Encoding.ASCII.GetString(header[..4]) != "FORM")
        {
            throw new AudioFileException(path, "header", "does not start with an IFF FORM: not an AIFF file");
        }

        var form = Encoding.ASCII.GetString(header[8..12]);
        if (form is not ("AIFF" or "AIFC"))
        {
            throw new AudioFileException(path, "header", $"the FORM type is '{form}', not AIFF or AIFC");
        }

        Comm? comm = null;
        long soundStart = -1, soundBytes = -1;
        long position = 12;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (position + 8 <= length)
        {
            RandomAccess.Read(handle, chunkHeader, position);
            var id = Encoding.ASCII.GetString(chunkHeader[..4]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(chunkHeader[4..]);
            var body = position + 8;
            if (body + size > length)
            {
                throw new AudioFileException(path, $"'{id}' chunk", $"at byte {position} claims {size} bytes but only {length - body} remain in the file: the file is truncated or corrupt");
            }

            if (id == "COMM")
            {
                if (size < 18 || size > 4096)
                {
                    throw new AudioFileException(path, "COMM chunk", $"is {size} bytes; it must be 18 to 4096");
                }

                var bytes = new byte[size];
                RandomAccess.Read(handle, bytes, body);
                comm = ParseComm(bytes, form == "AIFC", path);
            }
            else if (id == "SSND")
            {
                if (size < 8)
                {
                    throw new AudioFileException(path, "SSND chunk", $"is {size} bytes; it needs at least 8");
                }

                var ssnd = chunkHeader[..4];
                RandomAccess.Read(handle, ssnd, body);
                var offset = BinaryPrimitives.ReadUInt32BigEndian(ssnd);
                if (offset > size - 8)
                {
                    throw new AudioFileException(path, "SSND chunk", $"data offset {offset} lies beyond the chunk's {size} bytes");
                }

                soundStart = body + 8 + offset;
                soundBytes = size - 8 - offset;
            }

            position = body + size + (size & 1);
        }

        if (comm is null)
        {
            throw new AudioFileException(path, "COMM chunk", "is missing: the file does not say how its samples are stored");
        }

        var c = comm.Value;
        if (c.Frames > 0 && soundStart < 0)
        {
            throw new AudioFileException(path, "SSND chunk", "is missing: the file holds no audio");
        }

        var frameBytes = (long)c.Format.BytesPerSample() * c.Channels;
        if (c.Frames * frameBytes > Math.Max(0, soundBytes))
        {
            throw new AudioFileException(path, "COMM chunk",
                $"declares {c.Frames} frames ({c.Frames * frameBytes} bytes) but the SSND chunk holds {Math.Max(0, soundBytes)} bytes: the file is truncated or its header is wrong");
        }

        var info = new AudioStreamInfo
        {
            Path = path,
            Container = form.ToLowerInvariant(),
            Codec = $"pcm_{c.Format.ShortName()}{(c.BigEndian ? "be" : "le")}",
            SampleRate = c.SampleRate,
            Channels = c.Channels,
            SampleFormat = c.Format,
            Frames = c.Frames,
            Layout = ChannelLayout.Default(c.Channels),
        };
        return new AiffReader(new PcmDataReader(handle, path, soundStart, c.Frames, c.Format, c.Channels, c.BigEndian, signed8: true), info);
    }

    private static Comm ParseComm(byte[] b, bool compressed, string path)
    {
        const string field = "COMM chunk";
        var channels = BinaryPrimitives.ReadInt16BigEndian(b);
        var frames = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(2));
        var bits = BinaryPrimitives.ReadInt16BigEndian(b.AsSpan(6));
        var rate = Extended80(b.AsSpan(8, 10));
        var compression = "NONE";
        if (compressed)
        {
            if (b.Length < 22)
            {
                throw new AudioFileException(path, field, "is too short for AIFF-C (no compression type)");
            }

            compression = Encoding.ASCII.GetString(b, 18, 4);
        }

        if (channels < 1 || channels > AudioSpec.MaxChannels)
        {
            throw new AudioFileException(path, field, $"channel count {channels} is not supported: accepted 1 to {AudioSpec.MaxChannels}");
        }

        if (!double.IsFinite(rate) || rate < AudioSpec.MinSampleRate || rate > AudioSpec.MaxSampleRate || rate != Math.Round(rate))
        {
            throw new AudioFileException(path, field, $"sample rate {rate} Hz is not supported: accepted whole rates from {AudioSpec.MinSampleRate} to {AudioSpec.MaxSampleRate} Hz");
        }

        var (format, bigEndian) = compression switch
        {
            "NONE" or "twos" => (SampleFormatExtensions.FromBits(RoundUpBits(bits), false), true),
            "sowt" => (SampleFormatExtensions.FromBits(RoundUpBits(bits), false), false),
            "in24" => (SampleFormat.Pcm24, true),
            "in32" => (SampleFormat.Pcm32, true),
            "fl32" or "FL32" => (SampleFormat.Float32, true),
            "fl64" or "FL64" => (SampleFormat.Float64, true),
            _ => throw new AudioFileException(path, field,
                $"AIFF-C compression '{compression}' is not supported: accepted NONE, twos, sowt, in24, in32, fl32 and fl64 (other codecs decode through ffmpeg)"),
        };
        if (format is null)
        {
            throw new AudioFileException(path, field, $"sample size {bits} bits is not supported: accepted 1 to 32");
        }

        return new Comm(format.Value, bigEndian, channels, (int)rate, frames);
    }

    // AIFF stores sample sizes such as 20 bits in the next whole byte, left-justified.
    private static int RoundUpBits(int bits) => bits is < 1 or > 32 ? 0 : (bits + 7) / 8 * 8;

    private static double Extended80(ReadOnlySpan<byte> b)
    {
        var exponent = ((b[0] & 0x7F) << 8) | b[1];
        var mantissa = BinaryPrimitives.ReadUInt64BigEndian(b[2..]);
        if (exponent == 0 && mantissa == 0)
        {
            return 0;
        }

        var value = mantissa * Math.Pow(2, exponent - 16383 - 63);
        return (b[0] & 0x80) != 0 ? -value : value;
    }

    private readonly record struct Comm(SampleFormat Format, bool BigEndian, int Channels, int SampleRate, long Frames);
}
