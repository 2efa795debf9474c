using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using RenderFarm.Audio.Pcm;
using RenderFarm.Dsp;

namespace RenderFarm.Audio.Wav;

/// <summary>
/// Streams a WAVE file to disk block by block. The file is written under a temporary name and appears
/// under its own name only when <see cref="Complete"/> succeeds, so nobody ever sees half a file. A
/// reserved JUNK chunk becomes the ds64 chunk if the file grows past 4 GiB (EBU Tech 3306).
/// </summary>
public sealed class WavWriter : IDisposable
{
    private const int Ds64Size = 28;
    private const int BufferFrames = 8192;

    private static readonly byte[] SubFormatTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private readonly WavWriterOptions _options;
    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly FileStream _stream;
    private readonly byte[] _buffer;
    private readonly int _frameBytes;
    private readonly long _dataSizeOffset;
    private readonly long _dataStart;
    private readonly IncrementalHash? _hash;
    private readonly bool _headerFinal;
    private long _clipped;
    private bool _completed;
    private bool _failed;

    private WavWriter(string path, WavWriterOptions options)
    {
        _options = options;
        _path = path;
        _frameBytes = options.Format.BytesPerSample() * options.Channels;
        _buffer = new byte[BufferFrames * _frameBytes];
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        _temporaryPath = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            _stream = new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFileException(path, "file", $"cannot be created: {e.Message}", e);
        }

        try
        {
            var header = Header(options, out var dataSizeOffset);
            _dataSizeOffset = dataSizeOffset;
            _dataStart = header.Length;
            if (options.ExpectedFrames is { } expected)
            {
                // Sizes are known: write them now and hash everything as it goes out.
                PatchSizes(header, expected * _frameBytes, header.Length + (expected * _frameBytes) + ((expected * _frameBytes) & 1), expected);
                _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                _hash.AppendData(header);
                _headerFinal = true;
            }

            _stream.Write(header);
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    public string FilePath => _path;

    public long FramesWritten { get; private set; }

    /// <summary>The file's SHA-256 (lower-case hex) once completed, when the frame count was given in advance and met; null otherwise.</summary>
    public string? Sha256 { get; private set; }

    /// <summary>Samples that were beyond full scale and were clipped (integer formats only).</summary>
    public long ClippedSamples => _clipped;

    public static WavWriter Create(string path, WavWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new WavWriter(path, options);
    }

    public void Write(AudioBlock block)
    {
        CheckChannels(block.Channels);
        WriteCore<float, BlockSource>(new BlockSource(block), block.Frames);
    }

    public void Write(double[][] source, int offset, int frames)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckChannels(source.Length);
        WriteCore<double, PlanarSource<double>>(new PlanarSource<double>(source, offset), frames);
    }

    /// <summary>Finishes the header and moves the file to its name atomically.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed || _failed, this);
        try
        {
            var dataBytes = FramesWritten * _frameBytes;
            if ((dataBytes & 1) != 0)
            {
                _stream.WriteByte(0);
                _hash?.AppendData([0]);
            }

            var fileLength = _stream.Position;
            if (_headerFinal && FramesWritten == _options.ExpectedFrames)
            {
                Sha256 = Convert.ToHexStringLower(_hash!.GetHashAndReset());
            }
            else
            {
                var header = new byte[_dataStart];
                _stream.Position = 0;
                _stream.ReadExactly(header);
                PatchSizes(header, dataBytes, fileLength, FramesWritten);
                _stream.Position = 0;
                _stream.Write(header);
            }

            _stream.Flush(flushToDisk: _options.Durable);
            _stream.Dispose();
            File.Move(_temporaryPath, _path, overwrite: true);
            _completed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Abandon();
            throw new AudioFileException(_path, "file", $"could not be finished: {e.Message}", e);
        }
        finally
        {
            _hash?.Dispose();
        }
    }

    // Fills the RIFF and data sizes into a header; past 4 GiB (or when asked for) the JUNK chunk becomes ds64.
    private void PatchSizes(byte[] header, long dataBytes, long fileLength, long frames)
    {
        var rf64 = _options.Container != WavContainer.Riff || fileLength - 8 > _options.RiffLimit || dataBytes > _options.RiffLimit;
        var h = header.AsSpan();
        if (rf64)
        {
            Encoding.ASCII.GetBytes(_options.Container == WavContainer.Bw64 ? "BW64" : "RF64", h);
            BinaryPrimitives.WriteUInt32LittleEndian(h[4..], uint.MaxValue);
            Encoding.ASCII.GetBytes("ds64", h[12..]);
            BinaryPrimitives.WriteUInt32LittleEndian(h[16..], Ds64Size);
            BinaryPrimitives.WriteUInt64LittleEndian(h[20..], (ulong)(fileLength - 8));
            BinaryPrimitives.WriteUInt64LittleEndian(h[28..], (ulong)dataBytes);
            BinaryPrimitives.WriteUInt64LittleEndian(h[36..], (ulong)frames);
            BinaryPrimitives.WriteUInt32LittleEndian(h[(int)_dataSizeOffset..], uint.MaxValue);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)(fileLength - 8));
            BinaryPrimitives.WriteUInt32LittleEndian(h[(int)_dataSizeOffset..], (uint)dataBytes);
        }
    }

    /// <summary>Without <see cref="Complete"/>, removes the partial file: nothing half-written is left behind.</summary>
    public void Dispose()
    {
        if (!_completed)
        {
            Abandon();
        }
    }

    private void WriteCore<T, TSource>(TSource source, int frames)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSource : struct, IPlanarSource<T>
    {
        ObjectDisposedException.ThrowIf(_completed || _failed, this);
        for (var done = 0; done < frames;)
        {
            var n = Math.Min(frames - done, BufferFrames);
            var raw = _buffer.AsSpan(0, n * _frameBytes);
            for (var c = 0; c < _options.Channels; c++)
            {
                var bad = PcmCodec.Encode(source.Channel(c, done, n), _options.Channels, c, _options.Format, raw, ref _clipped);
                if (bad >= 0)
                {
                    Abandon();
                    throw new AudioFileException(_path, "sample data",
                        $"sample at frame {FramesWritten + bad} on channel {c + 1} is not a finite number (NaN or infinity); nothing was written");
                }
            }

            try
            {
                _stream.Write(raw);
                _hash?.AppendData(raw);
            }
            catch (IOException e)
            {
                Abandon();
                throw new AudioFileException(_path, "file", $"write failed after {FramesWritten} frames: {e.Message}", e);
            }

            FramesWritten += n;
            done += n;
        }
    }

    private void CheckChannels(int channels)
    {
        if (channels != _options.Channels)
        {
            throw new ArgumentException($"{_path} is being written with {_options.Channels} channels; the block has {channels}");
        }
    }

    private void Abandon()
    {
        _failed = true;
        _stream?.Dispose();
        try
        {
            File.Delete(_temporaryPath);
        }
        catch (IOException)
        {
            // Best effort: the partial file has a hidden name and never replaces the real one.
        }
    }

    private static byte[] Header(WavWriterOptions o, out long dataSizeOffset)
    {
        using var header = new MemoryStream();
        using var w = new BinaryWriter(header, Encoding.ASCII, leaveOpen: true);
        w.Write("RIFF"u8);
        w.Write(0u);
        w.Write("WAVE"u8);
        w.Write("JUNK"u8);
        w.Write((uint)Ds64Size);
        w.Write(new byte[Ds64Size]);

        var extensible = o.Extensible ?? o.Channels > 2;
        var bits = o.Format.BitsPerSample();
        var blockAlign = o.Channels * o.Format.BytesPerSample();
        var tag = (ushort)(o.Format.IsFloat() ? 3 : 1);
        w.Write("fmt "u8);
        w.Write(extensible ? 40u : o.Format.IsFloat() ? 18u : 16u);
        w.Write(extensible ? (ushort)0xFFFE : tag);
        w.Write((ushort)o.Channels);
        w.Write((uint)o.SampleRate);
        w.Write((uint)(o.SampleRate * blockAlign));
        w.Write((ushort)blockAlign);
        w.Write((ushort)bits);
        if (extensible)
        {
            w.Write((ushort)22);
            w.Write((ushort)bits);
            w.Write(o.ChannelMask != 0 ? o.ChannelMask : WaveChannelMask.Default(o.Channels));
            w.Write(tag);
            w.Write(SubFormatTail);
        }
        else if (o.Format.IsFloat())
        {
            w.Write((ushort)0);
        }

        if (o.Bext is not null)
        {
            WriteChunk(w, "bext", o.Bext.ToBytes());
        }

        foreach (var chunk in o.Chunks)
        {
            WriteChunk(w, chunk.Id, chunk.Data);
        }

        w.Write("data"u8);
        dataSizeOffset = header.Position;
        w.Write(0u);
        w.Flush();
        return header.ToArray();
    }

    private static void WriteChunk(BinaryWriter w, string id, byte[] data)
    {
        w.Write(Encoding.ASCII.GetBytes(id));
        w.Write((uint)data.Length);
        w.Write(data);
        if ((data.Length & 1) != 0)
        {
            w.Write((byte)0);
        }
    }
}
