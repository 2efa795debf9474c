using System.Buffers.Binary;
using System.Text;

namespace RenderFarm.Audio.Inspection;

/// <summary>
/// Describes a FLAC file from its metadata blocks: STREAMINFO gives the rate, channels and length, the
/// VORBIS_COMMENT block the tags (names lower-cased as ffmpeg gives them: ALBUMARTIST album_artist,
/// TRACKNUMBER track, DISCNUMBER disc, DESCRIPTION comment; a name given twice has its values joined by
/// ";"); pictures and other blocks are skipped, not read. A file with more than two channels, or blocks that
/// do not add up, is left to ffprobe.
/// </summary>
internal static class FlacMetadata
{
    private const int MaxCommentBytes = 8 << 20;

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ALBUMARTIST"] = "album_artist",
        ["TRACKNUMBER"] = "track",
        ["DISCNUMBER"] = "disc",
        ["DESCRIPTION"] = "comment",
    };

    public static AudioDescription? TryDescribe(string path, Stream stream)
    {
        Span<byte> marker = stackalloc byte[4];
        if (stream.ReadAtLeast(marker, 4, throwOnEndOfStream: false) != 4 || !marker.SequenceEqual("fLaC"u8))
        {
            return null;
        }

        AudioStreamInfo? info = null;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        Span<byte> header = stackalloc byte[4];
        var last = false;
        while (!last)
        {
            if (stream.ReadAtLeast(header, 4, throwOnEndOfStream: false) != 4)
            {
                return null;
            }

            last = (header[0] & 0x80) != 0;
            var type = header[0] & 0x7F;
            var length = (header[1] << 16) | (header[2] << 8) | header[3];
            if (stream.Position + length > stream.Length)
            {
                return null;
            }

            switch (type)
            {
                case 0 when length == 34 && info is null:
                    var block = new byte[34];
                    stream.ReadExactly(block);
                    info = StreamInfo(path, block);
                    if (info is null)
                    {
                        return null;
                    }

                    break;
                case 4 when length <= MaxCommentBytes:
                    var comments = new byte[length];
                    stream.ReadExactly(comments);
                    if (!Comments(comments, tags))
                    {
                        return null;
                    }

                    break;
                case 127:
                    return null; // invalid block type
                default:
                    stream.Seek(length, SeekOrigin.Current);
                    break;
            }
        }

        return info is null ? null : new AudioDescription(info, tags, AudioDescription.Native);
    }

    private static AudioStreamInfo? StreamInfo(string path, ReadOnlySpan<byte> b)
    {
        var rate = (b[10] << 12) | (b[11] << 4) | (b[12] >> 4);
        var channels = ((b[12] >> 1) & 7) + 1;
        var total = ((long)(b[13] & 0x0F) << 32) | BinaryPrimitives.ReadUInt32BigEndian(b[14..18]);
        if (rate == 0 || channels > 2)
        {
            return null;
        }

        return new AudioStreamInfo
        {
            Path = path,
            Container = "flac",
            Codec = "flac",
            SampleRate = rate,
            Channels = channels,
            Frames = total > 0 ? total : null,
            DurationSeconds = total > 0 ? (double)total / rate : null,
            Layout = Ffmpeg.FfmpegDecoder.LayoutOf(channels == 1 ? "mono" : "stereo", channels),
        };
    }

    // vendor string, then count x "NAME=value", each with a little-endian 32-bit length.
    private static bool Comments(ReadOnlySpan<byte> block, Dictionary<string, string> tags)
    {
        if (block.Length < 8)
        {
            return false;
        }

        var vendor = BinaryPrimitives.ReadUInt32LittleEndian(block);
        if (vendor > (uint)(block.Length - 8))
        {
            return false;
        }

        var at = 4 + (int)vendor;
        var count = BinaryPrimitives.ReadUInt32LittleEndian(block[at..]);
        at += 4;
        for (var i = 0u; i < count; i++)
        {
            if (at + 4 > block.Length)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(block[at..]);
            at += 4;
            if (length > (uint)(block.Length - at))
            {
                return false;
            }

            var comment = Encoding.UTF8.GetString(block.Slice(at, (int)length));
            at += (int)length;
            var equals = comment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || comment[(equals + 1)..].Trim() is not { Length: > 0 } value)
            {
                continue;
            }

            var key = comment[..equals];
            var name = Names.GetValueOrDefault(key) ?? key.ToLowerInvariant();
            tags[name] = tags.TryGetValue(name, out var before) ? $"{before};{value}" : value;
        }

        return true;
    }
}
