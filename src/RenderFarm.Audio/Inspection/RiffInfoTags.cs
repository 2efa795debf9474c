using System.Buffers.Binary;
using System.Text;

namespace RenderFarm.Audio.Inspection;

/// <summary>
/// Reads a WAV file's LIST/INFO chunk into the names ffmpeg gives its fields (ff_riff_info_conv: INAM title,
/// IART artist, IPRD album, ITRK and IPRT track, ICRD date, IGNR genre, ICMT comment, ICOP copyright, ISFT
/// encoder...; others keep their id, lower-cased, as ISRC becomes isrc). Text is UTF-8 where it is valid,
/// ISO-8859-1 otherwise.
/// </summary>
internal static class RiffInfoTags
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["IART"] = "artist", ["ICMT"] = "comment", ["ICOP"] = "copyright", ["ICRD"] = "date", ["IGNR"] = "genre",
        ["ILNG"] = "language", ["INAM"] = "title", ["IPRD"] = "album", ["IPRT"] = "track", ["ITRK"] = "track",
        ["ISFT"] = "encoder", ["ISMP"] = "timecode", ["ITCH"] = "encoded_by",
    };

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Adds the fields of a LIST chunk's body (its type then sub-chunks) when it is an INFO list.</summary>
    public static void Read(ReadOnlySpan<byte> list, IDictionary<string, string> tags)
    {
        if (list.Length < 4 || !list[..4].SequenceEqual("INFO"u8))
        {
            return;
        }

        var at = 4;
        while (at + 8 <= list.Length)
        {
            var id = Encoding.ASCII.GetString(list.Slice(at, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(list.Slice(at + 4, 4));
            at += 8;
            if (size > (uint)(list.Length - at))
            {
                return;
            }

            var value = Text(list.Slice(at, (int)size));
            at += (int)size + (int)(size & 1);
            if (value.Length > 0)
            {
                tags.TryAdd(Names.GetValueOrDefault(id) ?? id.ToLowerInvariant(), value);
            }
        }
    }

    private static string Text(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        var text = end < 0 ? bytes : bytes[..end];
        try
        {
            return StrictUtf8.GetString(text).Trim();
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(text).Trim();
        }
    }
}
