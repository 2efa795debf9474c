using System.Numerics;
using Microsoft.Win32.SafeHandles;
using RenderFarm.Dsp;

namespace RenderFarm.Audio.Pcm;

/// <summary>
/// Reads the interleaved PCM region of an open file block by block (positional reads, no seeking state),
/// decoding into planar samples. Shared by the WAV and AIFF readers.
/// </summary>
internal sealed class PcmDataReader : IDisposable
{
    private const int BufferBytes = 1 << 18;

    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private readonly long _dataStart;
    private readonly SampleFormat _format;
    private readonly bool _bigEndian;
    private readonly bool _signed8;
    private readonly int _channels;
    private readonly int _frameBytes;
    private readonly byte[] _buffer;

    public PcmDataReader(SafeFileHandle handle, string path, long dataStart, long frames, SampleFormat format, int channels, bool bigEndian, bool signed8)
    {
        _handle = handle;
        _path = path;
        _dataStart = dataStart;
        Frames = frames;
        _format = format;
        _channels = channels;
        _bigEndian = bigEndian;
        _signed8 = signed8;
        _frameBytes = format.BytesPerSample() * channels;
        _buffer = new byte[Math.Max(_frameBytes, BufferBytes / _frameBytes * _frameBytes)];
    }

    public long Frames { get; }

    public long Position { get; private set; }

    public int Read(AudioBlock destination)
    {
        CheckChannels(destination.Channels);
        return ReadCore<float, BlockSink>(destination.Frames, new BlockSink(destination));
    }

    public int Read(double[][] destination, int offset, int frames)
    {
        ArgumentNullException.ThrowIfNull(destination);
        CheckChannels(destination.Length);
        return ReadCore<double, PlanarSink<double>>(frames, new PlanarSink<double>(destination, offset));
    }

    public void Dispose() => _handle.Dispose();

    private int ReadCore<T, TSink>(int requested, TSink sink)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSink : struct, IPlanarSink<T>
    {
        var total = (int)Math.Min(requested, Frames - Position);
        var done = 0;
        while (done < total)
        {
            var n = Math.Min(total - done, _buffer.Length / _frameBytes);
            var bytes = n * _frameBytes;
            var span = _buffer.AsSpan(0, bytes);
            var at = _dataStart + (Position * _frameBytes);
            var got = 0;
            while (got < bytes)
            {
                var r = RandomAccess.Read(_handle, span[got..], at + got);
                if (r == 0)
                {
                    throw new AudioFileException(_path, "sample data",
                        $"the file ended at byte {at + got}, before frame {Position + (got / _frameBytes)} of {Frames}: it was truncated while being read");
                }

                got += r;
            }

            for (var c = 0; c < _channels; c++)
            {
                PcmCodec.Decode(span, _format, _bigEndian, _signed8, _channels, c, sink.Channel(c, done, n));
            }

            Position += n;
            done += n;
        }

        return total;
    }

    private void CheckChannels(int channels)
    {
        if (channels != _channels)
        {
            throw new ArgumentException($"{_path} has {_channels} channels; the destination has {channels}");
        }
    }
}
