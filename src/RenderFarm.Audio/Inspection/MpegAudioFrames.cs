using System.Buffers.Binary;

namespace RenderFarm.Audio.Inspection;

/// <summary>
/// Describes an MP3 (MPEG-1, 2 or 2.5 Layer III) from its ID3v2 tag and its first frames: two frame headers
/// in a row that agree give the rate and channels, a Xing/Info header the length (otherwise the constant
/// bit rate and the file's size estimate it). Anything else (no frame found in the first 64 kB after the tag,
/// a tag this reader declines) is left to ffprobe.
/// </summary>
internal static class MpegAudioFrames
{
    private const int SearchBytes = 64 * 1024;
    private const int MaxTagBytes = 16 << 20;

    private static readonly int[][] Rates = [[11025, 12000, 8000], [], [22050, 24000, 16000], [44100, 48000, 32000]];
    private static readonly int[] Mpeg1Layer3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Layer3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

    public static AudioDescription? TryDescribe(string path, Stream stream)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        Span<byte> head = stackalloc byte[Id3v2Tag.HeaderBytes];
        long audioStart = 0;
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && Id3v2Tag.Length(head) is { } tagLength)
        {
            if (tagLength > MaxTagBytes)
            {
                return null;
            }

            var tag = new byte[tagLength];
            stream.Position = 0;
            if (stream.ReadAtLeast(tag, tag.Length, throwOnEndOfStream: false) != tag.Length || !Id3v2Tag.TryRead(tag, tags))
            {
                return null;
            }

            audioStart = tagLength;
        }

        stream.Position = audioStart;
        var window = new byte[SearchBytes + 4096];
        var got = stream.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
        for (var at = 0; at + 4 <= Math.Min(got, SearchBytes); at++)
        {
            if (Header(window.AsSpan(at)) is not { } first)
            {
                continue;
            }

            // A real frame is followed by another of the same stream (a sync pattern by chance is not).
            var next = at + first.Length;
            if (next + 4 > got || Header(window.AsSpan(next)) is not { } second || second.Version != first.Version || second.Rate != first.Rate)
            {
                continue;
            }

            var samplesPerFrame = first.Version == 3 ? 1152 : 576;
            double? seconds = XingFrames(window.AsSpan(at, Math.Min(first.Length, got - at)), first) is { } frames
                ? (double)frames * samplesPerFrame / first.Rate
                : (stream.Length - audioStart - at) * 8.0 / (first.Kbps * 1000.0);
            var channels = first.Mono ? 1 : 2;
            return new AudioDescription(new AudioStreamInfo
            {
                Path = path,
                Container = "mp3",
                Codec = "mp3",
                SampleRate = first.Rate,
                Channels = channels,
                DurationSeconds = seconds,
                Layout = Ffmpeg.FfmpegDecoder.LayoutOf(first.Mono ? "mono" : "stereo", channels),
            }, tags, AudioDescription.Native);
        }

        return null;
    }

    // A Layer III frame header at the start of the span, or null.
    private static Frame? Header(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4 || b[0] != 0xFF || (b[1] & 0xE0) != 0xE0)
        {
            return null;
        }

        var version = (b[1] >> 3) & 3;
        var layer = (b[1] >> 1) & 3;
        var bitrate = b[2] >> 4;
        var rateIndex = (b[2] >> 2) & 3;
        if (version == 1 || layer != 1 || bitrate is 0 or 15 || rateIndex == 3)
        {
            return null;
        }

        var kbps = (version == 3 ? Mpeg1Layer3 : Mpeg2Layer3)[bitrate];
        var rate = Rates[version][rateIndex];
        var padding = (b[2] >> 1) & 1;
        var length = ((version == 3 ? 144 : 72) * kbps * 1000 / rate) + padding;
        return new Frame(version, rate, kbps, b[3] >> 6 == 3, length);
    }

    // The frame count of a Xing or Info header in the first frame, after its side information.
    private static long? XingFrames(ReadOnlySpan<byte> frame, Frame header)
    {
        var at = 4 + (header.Version == 3 ? (header.Mono ? 17 : 32) : (header.Mono ? 9 : 17));
        if (frame.Length < at + 12)
        {
            return null;
        }

        var id = frame.Slice(at, 4);
        if (!(id.SequenceEqual("Xing"u8) || id.SequenceEqual("Info"u8)))
        {
            return null;
        }

        var flags = BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(at + 4, 4));
        return (flags & 1) != 0 && BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(at + 8, 4)) is var n and > 0 ? n : null;
    }

    private readonly record struct Frame(int Version, int Rate, int Kbps, bool Mono, int Length);
}
