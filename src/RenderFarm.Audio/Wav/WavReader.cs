using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using RenderFarm.Audio.Pcm;
using RenderFarm.Dsp;
using RenderFarm.Dsp.Metering;

namespace RenderFarm.Audio.Wav;

/// <summary>
/// Streams a WAVE file (RIFF, RF64 or BW64; PCM 8/16/24/32-bit, float 32/64-bit, WAVE_FORMAT_EXTENSIBLE),
/// with its bext chunk and every other chunk kept for a rewrite. Every size is checked against the
/// file's real length before anything is read or allocated.
/// </summary>
public sealed class WavReader : IAudioReader
{
    /// <summary>Opaque chunks larger than this are skipped with a warning rather than kept in memory.</summary>
    public const int MaxPreservedChunkBytes = 16 << 20;

    private const ushort FormatPcm = 0x0001;
    private const ushort FormatFloat = 0x0003;
    private const ushort FormatExtensible = 0xFFFE;
    private const uint SizeInDs64 = 0xFFFFFFFF;

    private static readonly byte[] SubFormatTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private readonly PcmDataReader _data;

    private WavReader(PcmDataReader data, AudioStreamInfo info, WavContainer container, BextChunk? bext, IReadOnlyList<WavChunk> chunks)
    {
        _data = data;
        Info = info;
        Container = container;
        Bext = bext;
        Chunks = chunks;
    }

    public AudioStreamInfo Info { get; }

    public WavContainer Container { get; }

    /// <summary>The Broadcast Wave chunk, if the file has one.</summary>
    public BextChunk? Bext { get; }

    /// <summary>Chunks the reader does not interpret, in file order, for a writer to carry over.</summary>
    public IReadOnlyList<WavChunk> Chunks { get; }

    public long Position => _data.Position;

    public static WavReader Open(string path)
    {
        var handle = OpenHandle(path);
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

    internal static SafeFileHandle OpenHandle(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFileException(path, "file", e.Message, e);
        }
    }

    private static WavReader Parse(SafeFileHandle handle, string path)
    {
        var length = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[12];
        if (length < 12 || RandomAccess.Read(handle, header, 0) < 12)
        {
            throw new AudioFileException(path, "header", $"the file is {length} bytes, too short for a WAVE header (12 bytes)");
        }

        var riffId = Ascii(header[..4]);
        var container = riffId switch
        {
            "RIFF" => WavContainer.Riff,
            "RF64" => WavContainer.Rf64,
            "BW64" => WavContainer.Bw64,
            _ => throw new AudioFileException(path, "header", $"starts with '{Printable(riffId)}', not RIFF, RF64 or BW64: not a WAVE file"),
        };
        if (Ascii(header[8..12]) != "WAVE")
        {
            throw new AudioFileException(path, "header", $"the {riffId} form type is '{Printable(Ascii(header[8..12]))}', not WAVE");
        }

        var warnings = new List<string>();
        var chunks = new List<WavChunk>();
        long? ds64Data = null;
        long? ds64Frames = null;
        Fmt? fmt = null;
        BextChunk? bext = null;
        long dataStart = -1, dataSize = -1;
        long position = 12;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (position + 8 <= length)
        {
            RandomAccess.Read(handle, chunkHeader, position);
            var id = Ascii(chunkHeader[..4]);
            var size32 = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            long size = size32;
            var body = position + 8;
            if (!IsChunkId(chunkHeader[..4]))
            {
                if (fmt is not null && dataStart >= 0)
                {
                    // Some recorders pad files to a sector after the last chunk; what follows the audio is not needed.
                    warnings.Add($"{length - position} bytes after byte {position} are not chunks and were ignored");
                    break;
                }

                throw new AudioFileException(path, $"chunk at byte {position}", $"has the id '{Printable(id)}', which is not a chunk id: the file is corrupt");
            }

            if (container != WavContainer.Riff && id == "data" && size32 == SizeInDs64)
            {
                size = ds64Data ?? throw new AudioFileException(path, "ds64 chunk", $"is missing, but the data chunk defers its size to it ({riffId} file)");
            }

            if (body + size > length)
            {
                var remain = length - body;
                throw new AudioFileException(path, $"'{id}' chunk",
                    id == "data"
                        ? $"claims {size} bytes of audio but the file ends {remain} bytes after it starts: the file is truncated or its header is wrong"
                        : $"at byte {position} claims {size} bytes but only {remain} remain in the file: the file is truncated or corrupt");
            }

            switch (id)
            {
                case "ds64" when container != WavContainer.Riff:
                    (ds64Data, ds64Frames) = ParseDs64(handle, path, body, size);
                    break;
                case "fmt ":
                    fmt = ParseFmt(Body(handle, path, id, body, size, 1024), path);
                    break;
                case "bext":
                    bext = BextChunk.Parse(Body(handle, path, id, body, size, MaxPreservedChunkBytes), path);
                    break;
                case "data":
                    dataStart = body;
                    dataSize = size;
                    break;
                default:
                    if (WavChunk.Structural.Contains(id))
                    {
                        break;
                    }

                    if (size > MaxPreservedChunkBytes)
                    {
                        warnings.Add($"'{id}' chunk of {size} bytes is larger than {MaxPreservedChunkBytes} bytes and will not be carried into rewritten files");
                        break;
                    }

                    chunks.Add(new WavChunk(id, Body(handle, path, id, body, size, MaxPreservedChunkBytes)));
                    break;
            }

            position = body + size + (size & 1);
        }

        if (fmt is null)
        {
            throw new AudioFileException(path, "fmt chunk", "is missing: the file does not say how its samples are stored");
        }

        if (dataStart < 0)
        {
            throw new AudioFileException(path, "data chunk", "is missing: the file holds no audio");
        }

        var f = fmt.Value;
        var frames = dataSize / f.BlockAlign;
        if (dataSize % f.BlockAlign != 0)
        {
            warnings.Add($"data chunk of {dataSize} bytes ends with a partial frame ({dataSize % f.BlockAlign} bytes), which is ignored");
        }

        if (ds64Frames is { } declared && declared != frames && declared != 0)
        {
            warnings.Add($"ds64 sample count {declared} differs from the {frames} frames in the data chunk; the data chunk is used");
        }

        var info = new AudioStreamInfo
        {
            Path = path,
            Container = container.ToString().ToLowerInvariant(),
            Codec = $"pcm_{f.Format.ShortName()}le",
            SampleRate = f.SampleRate,
            Channels = f.Channels,
            SampleFormat = f.Format,
            Frames = frames,
            ChannelMask = f.ChannelMask,
            Layout = ChannelLayout.FromWaveMask(f.ChannelMask, f.Channels),
            Warnings = warnings,
        };
        var data = new PcmDataReader(handle, path, dataStart, frames, f.Format, f.Channels, bigEndian: false, signed8: false);
        return new WavReader(data, info, container, bext, chunks);
    }

    private static (long Data, long Frames) ParseDs64(SafeFileHandle handle, string path, long body, long size)
    {
        if (size < 28)
        {
            throw new AudioFileException(path, "ds64 chunk", $"is {size} bytes; it needs at least 28");
        }

        Span<byte> ds64 = stackalloc byte[28];
        RandomAccess.Read(handle, ds64, body);
        var dataSize = BinaryPrimitives.ReadUInt64LittleEndian(ds64[8..]);
        var frames = BinaryPrimitives.ReadUInt64LittleEndian(ds64[16..]);
        if (dataSize > long.MaxValue || frames > long.MaxValue)
        {
            throw new AudioFileException(path, "ds64 chunk", $"claims {dataSize} bytes of audio, more than any file can hold");
        }

        return ((long)dataSize, (long)frames);
    }

    private static Fmt ParseFmt(byte[] b, string path)
    {
        const string field = "fmt chunk";
        if (b.Length < 16)
        {
            throw new AudioFileException(path, field, $"is {b.Length} bytes; it needs at least 16");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(b);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(2));
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4));
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(12));
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(14));
        uint mask = 0;
        if (tag == FormatExtensible)
        {
            if (b.Length < 40)
            {
                throw new AudioFileException(path, field, $"is WAVE_FORMAT_EXTENSIBLE but only {b.Length} bytes long; it needs 40");
            }

            mask = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(20));
            var sub = b.AsSpan(24, 16);
            if (!sub[2..].SequenceEqual(SubFormatTail))
            {
                throw new AudioFileException(path, field, "has a WAVE_FORMAT_EXTENSIBLE sub-format that is not a standard KSDATAFORMAT GUID (ambisonic or vendor formats are not supported)");
            }

            tag = BinaryPrimitives.ReadUInt16LittleEndian(sub);
        }

        if (tag != FormatPcm && tag != FormatFloat)
        {
            throw new AudioFileException(path, field,
                $"codec 0x{tag:X4} ({CodecName(tag)}) is not supported: accepted PCM (0x0001) and IEEE float (0x0003), plain or WAVE_FORMAT_EXTENSIBLE");
        }

        if (channels < 1 || channels > AudioSpec.MaxChannels)
        {
            throw new AudioFileException(path, field, $"channel count {channels} is not supported: accepted 1 to {AudioSpec.MaxChannels}");
        }

        if (rate < AudioSpec.MinSampleRate || rate > AudioSpec.MaxSampleRate)
        {
            throw new AudioFileException(path, field,
                $"sample rate {rate} Hz is not supported: accepted {AudioSpec.MinSampleRate} to {AudioSpec.MaxSampleRate} Hz");
        }

        var format = SampleFormatExtensions.FromBits(bits, tag == FormatFloat)
            ?? throw new AudioFileException(path, field, tag == FormatFloat
                ? $"float samples of {bits} bits are not supported: accepted 32 and 64"
                : $"PCM samples of {bits} bits are not supported: accepted 8, 16, 24 and 32");
        if (blockAlign != channels * format.BytesPerSample())
        {
            throw new AudioFileException(path, field,
                $"block align {blockAlign} does not match {channels} channels of {bits}-bit samples ({channels * format.BytesPerSample()} bytes per frame)");
        }

        return new Fmt(format, channels, (int)rate, blockAlign, mask);
    }

    private static byte[] Body(SafeFileHandle handle, string path, string id, long body, long size, int limit)
    {
        if (size > limit)
        {
            throw new AudioFileException(path, $"'{id}' chunk", $"is {size} bytes; at most {limit} are accepted for this chunk");
        }

        var bytes = new byte[size];
        var got = 0;
        while (got < bytes.Length)
        {
            var r = RandomAccess.Read(handle, bytes.AsSpan(got), body + got);
            if (r == 0)
            {
                throw new AudioFileException(path, $"'{id}' chunk", "the file ended inside the chunk: it is truncated");
            }

            got += r;
        }

        return bytes;
    }

    private static string CodecName(ushort tag) => tag switch
    {
        0x0002 => "Microsoft ADPCM",
        0x0006 => "A-law",
        0x0007 => "mu-law",
        0x0011 => "IMA ADPCM",
        0x0050 => "MPEG",
        0x0055 => "MPEG layer 3",
        0x2000 => "AC-3",
        _ => "unknown",
    };

    private static bool IsChunkId(ReadOnlySpan<byte> id)
    {
        foreach (var b in id)
        {
            if (b < 0x20 || b > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);

    private static string Printable(string s) =>
        string.Concat(s.Select(ch => ch is >= ' ' and <= '~' ? ch.ToString() : "\\x" + ((int)ch).ToString("X2", CultureInfo.InvariantCulture)));

    private readonly record struct Fmt(SampleFormat Format, int Channels, int SampleRate, int BlockAlign, uint ChannelMask);
}
