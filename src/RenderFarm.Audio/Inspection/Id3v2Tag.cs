using System.Buffers.Binary;
using System.Text;

namespace RenderFarm.Audio.Inspection;

/// <summary>
/// Reads the text frames of an ID3v2.2, 2.3 or 2.4 tag into the names ffmpeg gives them (TIT2 title, TPE1
/// artist, TALB album, TPE2 album_artist, TRCK track, TPOS disc, TDRC or TYER date...; a frame ffmpeg does
/// not rename keeps its id, lower-cased, as TSRC becomes tsrc; TXXX its description). The first string of a
/// frame is its value, as ffmpeg takes it. A tag using what this reader does not (unsynchronisation, an
/// extended header, compressed or encrypted frames) is declined, and ffprobe reads the file instead.
/// </summary>
internal static class Id3v2Tag
{
    public const int HeaderBytes = 10;

    // ffmpeg's ff_id3v2_34_metadata_conv, ff_id3v2_4_metadata_conv and id3v2_2_metadata_conv.
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["TALB"] = "album", ["TCOM"] = "composer", ["TCON"] = "genre", ["TCOP"] = "copyright", ["TENC"] = "encoded_by",
        ["TIT2"] = "title", ["TLAN"] = "language", ["TPE1"] = "artist", ["TPE2"] = "album_artist", ["TPE3"] = "performer",
        ["TPOS"] = "disc", ["TPUB"] = "publisher", ["TRCK"] = "track", ["TSSE"] = "encoder",
        ["TCMP"] = "compilation", ["TDRC"] = "date", ["TDRL"] = "date", ["TDEN"] = "creation_time", ["TSOA"] = "album-sort",
        ["TSOP"] = "artist-sort", ["TSOT"] = "title-sort", ["TIT1"] = "grouping",
        ["TAL"] = "album", ["TCO"] = "genre", ["TCP"] = "compilation", ["TT2"] = "title", ["TEN"] = "encoded_by",
        ["TP1"] = "artist", ["TP2"] = "album_artist", ["TP3"] = "performer", ["TRK"] = "track",
    };

    /// <summary>The whole tag's length in bytes (header, frames, footer) when <paramref name="head"/> starts one; otherwise null.</summary>
    public static int? Length(ReadOnlySpan<byte> head)
    {
        if (head.Length < HeaderBytes || head[0] != 'I' || head[1] != 'D' || head[2] != '3' || head[3] is < 2 or > 4 || head[4] == 0xFF)
        {
            return null;
        }

        if (Synchsafe(head[6..10]) is not { } size)
        {
            return null;
        }

        var footer = head[3] == 4 && (head[5] & 0x10) != 0 ? HeaderBytes : 0;
        return HeaderBytes + size + footer;
    }

    /// <summary>Adds the tag's text frames to <paramref name="tags"/> (an existing name keeps its value); false when the tag is one this reader declines.</summary>
    public static bool TryRead(ReadOnlySpan<byte> tag, IDictionary<string, string> tags)
    {
        if (Length(tag) is not { } length || length > tag.Length)
        {
            return false;
        }

        var version = tag[3];
        var flags = tag[5];
        if ((flags & 0xC0) != 0)
        {
            return false; // unsynchronised, or an extended header (in v2.2: compressed)
        }

        var frames = tag[HeaderBytes..(length - (version == 4 && (flags & 0x10) != 0 ? HeaderBytes : 0))];
        var idLength = version == 2 ? 3 : 4;
        var headerLength = version == 2 ? 6 : 10;
        string? year = null, dayMonth = null;
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        while (frames.Length >= headerLength && frames[0] != 0)
        {
            var id = Encoding.ASCII.GetString(frames[..idLength]);
            if (!id.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9')))
            {
                return false;
            }

            int size;
            if (version == 2)
            {
                size = (frames[3] << 16) | (frames[4] << 8) | frames[5];
            }
            else if (version == 4)
            {
                if (Synchsafe(frames[4..8]) is not { } s)
                {
                    return false;
                }

                size = s;
            }
            else
            {
                size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(frames[4..8]), int.MaxValue);
            }

            if (size < 0 || size > frames.Length - headerLength)
            {
                return false;
            }

            if (version > 2)
            {
                var format = frames[9];
                // Grouped, compressed, encrypted, unsynchronised, or with a length indicator: not read here.
                var declined = version == 4 ? (format & 0x4F) != 0 : (format & 0xE0) != 0;
                if (declined)
                {
                    return false;
                }
            }

            var body = frames.Slice(headerLength, size);
            frames = frames[(headerLength + size)..];
            if (id[0] != 'T' || body.Length < 1)
            {
                continue;
            }

            if (id is "TXXX" or "TXX")
            {
                var parts = Strings(body);
                if (parts.Count >= 2 && parts[0].Length > 0)
                {
                    found.TryAdd(parts[0], parts[1]);
                }

                continue;
            }

            var value = Strings(body) is { Count: > 0 } values ? values[0] : string.Empty;
            switch (id)
            {
                case "TYER" or "TYE":
                    year = value;
                    continue;
                case "TDAT" or "TDA":
                    dayMonth = value;
                    continue;
            }

            found.TryAdd(Names.GetValueOrDefault(id) ?? id.ToLowerInvariant(), value);
        }

        // v2.3 keeps the year and DDMM apart; ffmpeg makes them one date.
        if (year is { Length: 4 } && year.All(char.IsAsciiDigit))
        {
            found.TryAdd("date", dayMonth is { Length: 4 } dm && dm.All(char.IsAsciiDigit) ? $"{year}-{dm[2..]}-{dm[..2]}" : year);
        }

        foreach (var (name, value) in found)
        {
            if (value.Trim() is { Length: > 0 } text)
            {
                tags.TryAdd(name, text);
            }
        }

        return true;
    }

    // The frame's strings in its encoding (0 ISO-8859-1, 1 UTF-16 with BOM, 2 UTF-16BE, 3 UTF-8), split at their terminators.
    private static List<string> Strings(ReadOnlySpan<byte> body)
    {
        var encoding = body[0];
        var text = body[1..];
        var result = new List<string>();
        var wide = encoding is 1 or 2;
        while (text.Length > 0)
        {
            var end = wide ? WideTerminator(text) : text.IndexOf((byte)0);
            var part = end < 0 ? text : text[..end];
            result.Add(Decode(part, encoding));
            if (end < 0)
            {
                break;
            }

            text = text[(end + (wide ? 2 : 1))..];
        }

        return result;
    }

    private static int WideTerminator(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i + 1 < text.Length; i += 2)
        {
            if (text[i] == 0 && text[i + 1] == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Decode(ReadOnlySpan<byte> part, byte encoding) => encoding switch
    {
        0 => Encoding.Latin1.GetString(part),
        1 when part.Length >= 2 && part[0] == 0xFF && part[1] == 0xFE => Encoding.Unicode.GetString(part[2..]),
        1 when part.Length >= 2 && part[0] == 0xFE && part[1] == 0xFF => Encoding.BigEndianUnicode.GetString(part[2..]),
        1 or 2 => Encoding.BigEndianUnicode.GetString(part),
        _ => Encoding.UTF8.GetString(part),
    };

    private static int? Synchsafe(ReadOnlySpan<byte> four)
    {
        if ((four[0] | four[1] | four[2] | four[3]) >= 0x80)
        {
            return null;
        }

        return (four[0] << 21) | (four[1] << 14) | (four[2] << 7) | four[3];
    }
}
